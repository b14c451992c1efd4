using Platform.EventSourcing;
using Platform.EventSourcing.Access;

namespace Platform.ServicePlan;

public static class ServicePlanServices
{
    public const string Name = "plans";

    public static WebApplicationBuilder AddServicePlan(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventStore<ServicePlanIntegrationEvents>(schema: Name, options => { });
        builder.AddPlatformMessaging(Name, bus => bus.AddCaseAccessModel());
        return builder;
    }
}

/// <summary>What ServicePlan tells the other services.</summary>
public sealed class ServicePlanIntegrationEvents : IntegrationEventMap;
