using Platform.Intake.Cases.Closing;
using Platform.Intake.Cases.Consents;
using Platform.Intake.Cases.Team;
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
        cases.MapPost("/{caseId:guid}/team", CaseTeamEndpoints.Add)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("AddAgencyToTeam")
            .WithSummary("Add an agency to the case team (what it sees still depends on consent).");
        cases.MapDelete("/{caseId:guid}/team/{agencyId}", CaseTeamEndpoints.Remove)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RemoveAgencyFromTeam")
            .WithSummary("Remove an agency from the case team; its consents end with it.");
        cases.MapPost("/{caseId:guid}/consents", CaseConsentEndpoints.Grant)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("GrantConsent")
            .WithSummary("Record the client's consent for one team agency to see named categories until a date.");
        cases.MapGet("/{caseId:guid}/consents", CaseConsentEndpoints.List)
            .WithName("ListConsents")
            .WithSummary("The consents in force (lead agency only).");
        cases.MapDelete("/{caseId:guid}/consents/{consentId:guid}", CaseConsentEndpoints.Revoke)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RevokeConsent")
            .WithSummary("Revoke a consent; it ends at once, for every service.");
        return app;
    }
}
