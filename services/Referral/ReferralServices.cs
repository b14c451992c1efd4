using Platform.EventSourcing;
using Platform.EventSourcing.Access;

namespace Platform.Referral;

public static class ReferralServices
{
    public const string Name = "referrals";

    public static WebApplicationBuilder AddReferral(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventStore<ReferralIntegrationEvents>(schema: Name, options => { });
        builder.AddPlatformMessaging(Name, bus => bus.AddCaseAccessModel());
        return builder;
    }
}

/// <summary>What Referral tells the other services.</summary>
public sealed class ReferralIntegrationEvents : IntegrationEventMap;
