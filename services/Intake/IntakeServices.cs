using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.Intake.Cases;

namespace Platform.Intake;

public static class IntakeServices
{
    public const string Name = "intake";

    public static WebApplicationBuilder AddIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventStore<IntakeIntegrationEvents>(schema: Name, options =>
        {
            options.Projections.Snapshot<Case>(SnapshotLifecycle.Inline);
        });
        builder.AddPlatformMessaging(Name);
        return builder;
    }
}
