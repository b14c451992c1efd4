using Platform.EventSourcing;
using Platform.EventSourcing.Access;

namespace Platform.Eligibility;

public static class EligibilityServices
{
    public const string Name = "eligibility";

    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventStore<EligibilityIntegrationEvents>(schema: Name);
        builder.AddPlatformMessaging(Name, bus => bus.AddCaseAccessModel());
        return builder;
    }
}

public sealed class EligibilityIntegrationEvents : IntegrationEventMap;
