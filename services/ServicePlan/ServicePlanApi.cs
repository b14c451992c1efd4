using Platform.ServiceDefaults;

namespace Platform.ServicePlan;

/// <summary>ServicePlan's HTTP API: a table of contents of what it can do.</summary>
public static class ServicePlanApi
{
    public static WebApplication MapServicePlanApi(this WebApplication app)
    {
        _ = app.MapGroup("/api/plans").RequireAuthorization(PlatformPolicies.AnyRole);
        return app;
    }
}
