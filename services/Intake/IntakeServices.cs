using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Assigning;
using Platform.Intake.Cases.Consents;
using Platform.Intake.Cases.Identity;
using Platform.Intake.Cases.Team;

namespace Platform.Intake;

public static class IntakeServices
{
    public const string Name = "intake";

    public static WebApplicationBuilder AddIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<IdentityVault>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Caseloads").Get<CaseloadOptions>() ?? new CaseloadOptions());
        builder.AddEventStore<IntakeIntegrationEvents>(schema: Name, options =>
        {
            options.Projections.Snapshot<Case>(SnapshotLifecycle.Inline);
            options.Schema.For<ConsentDeadline>().Index(d => d.ExpiresAt);
        });
        builder.AddPlatformMessaging(Name, bus => bus.AddConsumer<JoinTeamOnReferralAccepted>());
        builder.Services.AddHostedService<ConsentExpiryMonitor>();
        return builder;
    }
}
