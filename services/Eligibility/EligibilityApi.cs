namespace Platform.Eligibility;

public static class EligibilityApi
{
    public static WebApplication MapEligibilityApi(this WebApplication app) => app;
}
