using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.Referral.Directory;
using Platform.Referral.Referrals;
using Platform.Referral.Referrals.FollowUp;
using Platform.ServiceDefaults;

namespace Platform.Referral;

public static class ReferralServices
{
    public const string Name = "referrals";

    public static WebApplicationBuilder AddReferral(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Referrals").Get<FollowUpOptions>() ?? new FollowUpOptions());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReferralPolicies.ReferralWork, p => p.RequireClaim(Caller.AgencyClaim)
                .RequireRole(PlatformRoles.CaseManager, PlatformRoles.Supervisor, PlatformRoles.Provider))
            .AddPolicy(ReferralPolicies.DirectoryUpkeep, p => p.RequireClaim(Caller.AgencyClaim)
                .RequireRole(PlatformRoles.Provider, PlatformRoles.Administrator));
        builder.AddEventStore<ReferralIntegrationEvents>(schema: Name, options =>
        {
            options.Projections.Snapshot<Referrals.Referral>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<Organization>(SnapshotLifecycle.Inline);
            options.Schema.For<Referrals.Referral>().Index(r => r.CaseId).Index(r => r.ReceivingAgencyId).Index(r => r.LastChangedAt);
            options.Schema.For<Organization>().Index(o => o.AgencyId);
        });
        builder.AddPlatformMessaging(Name, bus => bus.AddCaseAccessModel());
        builder.Services.AddHostedService<FollowUpMonitor>();
        return builder;
    }
}

/// <summary>Who may do what in Referral, beyond the platform's shared policies.</summary>
public static class ReferralPolicies
{
    /// <summary>Staff who refer and serve clients: case managers, supervisors and providers (not law enforcement, not auditors).</summary>
    public const string ReferralWork = "referral-work";

    /// <summary>Who keeps the provider directory: administrators, and providers for their own organization.</summary>
    public const string DirectoryUpkeep = "directory-upkeep";
}
