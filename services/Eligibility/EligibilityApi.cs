using Microsoft.OpenApi;
using Platform.Eligibility.Claims;
using Platform.Eligibility.Programs;
using Platform.Eligibility.Records.Enrolling;
using Platform.Eligibility.Records.Extending;
using Platform.Eligibility.Records.Forecast;
using Platform.Eligibility.Records.Letters;
using Platform.Eligibility.Records.Reading;
using Platform.Eligibility.Records.Renewing;
using Platform.ServiceDefaults;

namespace Platform.Eligibility;

/// <summary>Eligibility's HTTP API, all under <c>/api/eligibility</c>: a table of contents of what it can do.</summary>
public static class EligibilityApi
{
    public static WebApplication MapEligibilityApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/eligibility").WithTags("Eligibility").RequireAuthorization(PlatformPolicies.AnyRole);

        api.MapGet("/programs", ProgramsEndpoint.Handle)
            .WithName("ListPrograms")
            .WithSummary("The programs in force (configuration): who they apply to, what opens their window, length, warnings, extension, renewal.");
        api.MapGet("/deadlines", DeadlineForecastEndpoint.Handle)
            .WithName("ForecastDeadlines")
            .WithSummary("The windows ending within withinDays (default 30) across the caller agency's cases, soonest first.")
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                var limit = DeadlineForecastEndpoint.LongestHorizonDays(context.ApplicationServices.GetRequiredService<ProgramCatalog>().Current());
                foreach (var parameter in operation.Parameters ?? [])
                    if (parameter is OpenApiParameter { Name: "withinDays" } days)
                        days.Description = $"Days from today, 0 to {limit} (default 30): the longest configured window plus its renewal and "
                            + "extensions, a month counted as 31 days. Beyond it, 400 naming withinDays with the limit.";
                return Task.CompletedTask;
            });
        api.MapGet("/claims", ClaimsEndpoints.List)
            .WithName("ListClaims")
            .WithSummary("The month's claim lines (month=YYYY-MM) of the caller agency, as provider or lead agency; Accept: text/csv for the request.");
        api.MapGet("/claims/summary", ClaimsEndpoints.Summary)
            .RequireAuthorization(PlatformPolicies.Administration)
            .WithName("SummarizeClaims")
            .WithSummary("Administrators: the month's claims counted per program and service type, with no client-level data.");

        var cases = api.MapGroup("/cases/{caseId:guid}");
        cases.MapGet("", GetRecordEndpoint.Handle)
            .WithName("GetEligibility")
            .WithSummary("The client's windows (start, end, days left, status), letters and claims (eligibility category).");
        cases.MapPost("/enrollments", Enrollment.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("Enroll")
            .WithSummary("Open a window of a program that opens by enrollment or admission; 409 with the reason and what applies instead.");
        cases.MapPost("/letters", Letters.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RecordLetter")
            .WithSummary("Record an HHS certification, interim assistance or eligibility letter; opens the windows that start with it.");
        cases.MapPost("/extensions", Extensions.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ExtendWindow")
            .WithSummary("Extend a window within its program's rule; its warnings are armed again for the new end.");
        cases.MapPost("/renewals", Renewals.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RenewWindow")
            .WithSummary("Record a renewed benefit: one more period of the program's length.");
        return app;
    }
}
