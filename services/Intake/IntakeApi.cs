using Platform.Intake.Cases.Closing;
using Platform.Intake.Cases.Opening;
using Platform.Intake.Cases.Reading;
using Platform.ServiceDefaults;

namespace Platform.Intake;

/// <summary>Intake's HTTP API, all under <c>/api/intake</c>: a table of contents of what it can do.</summary>
public static class IntakeApi
{
    public static WebApplication MapIntakeApi(this WebApplication app)
    {
        var cases = app.MapGroup("/api/intake/cases")
            .WithTags("Cases")
            .RequireAuthorization(PlatformPolicies.AnyRole);

        cases.MapPost("/", OpenCaseEndpoint.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("OpenCase")
            .WithSummary("Open a case; the caller's agency becomes its lead agency.");
        cases.MapGet("/{caseId:guid}", GetCaseEndpoint.Handle)
            .WithName("GetCase")
            .WithSummary("Read a case (lead agency only; anyone else gets 404).");
        cases.MapPost("/{caseId:guid}/closure", CloseCaseEndpoints.Close)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("CloseCase")
            .WithSummary("Close a case (If-Match: its ETag). A closed case accepts no other change.");
        cases.MapPost("/{caseId:guid}/reopening", CloseCaseEndpoints.Reopen)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ReopenCase")
            .WithSummary("Reopen a closed case (If-Match: its ETag).");
        return app;
    }
}
