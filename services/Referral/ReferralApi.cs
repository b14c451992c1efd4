using Platform.ServiceDefaults;

namespace Platform.Referral;

/// <summary>Referral's HTTP API: a table of contents of what it can do.</summary>
public static class ReferralApi
{
    public static WebApplication MapReferralApi(this WebApplication app)
    {
        _ = app.MapGroup("/api/referrals").RequireAuthorization(PlatformPolicies.AnyRole);
        return app;
    }
}
