using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Consents;

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
            options.Schema.For<ConsentDeadline>().Index(d => d.ExpiresAt);
        });
        builder.AddPlatformMessaging(Name);
        builder.Services.AddHostedService<ConsentExpiryMonitor>();
        return builder;
    }
}
