using Platform.Intake.Cases.Assessing;
using Platform.Intake.Cases.Assigning;
using Platform.Intake.Cases.History;
using Platform.Intake.Cases.Identity;
using Platform.Intake.Cases.Listing;
using Platform.Intake.Cases.Closing;
using Platform.Intake.Cases.Crises;
using Platform.Intake.Cases.Consents;
using Platform.Intake.Cases.Team;
using Platform.Intake.Cases.Transferring;
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
        cases.MapPost("/{caseId:guid}/assessments", AssessNeedsEndpoint.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("AssessNeeds")
            .WithSummary("Record an assessment of needs by domain and urgency, and the client's strengths; a reassessment appends.");
        cases.MapPost("/{caseId:guid}/crises", CaseCrisisEndpoints.Report)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ReportCrisis")
            .WithSummary("Report a crisis (kind, severity); the case manager is told at once.");
        cases.MapPost("/{caseId:guid}/crises/{crisisId:guid}/resolution", CaseCrisisEndpoints.Resolve)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ResolveCrisis")
            .WithSummary("Mark a crisis resolved.");
        cases.MapPost("/{caseId:guid}/case-manager", AssignCaseManagerEndpoint.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("AssignCaseManager")
            .WithSummary("Assign the lead case manager; refused with 409 beyond the caseload limit.");
        cases.MapGet("/", ListCasesEndpoint.Handle)
            .WithName("ListCases")
            .WithSummary("The cases the caller's agency leads, by cursor (after, limit), optionally by status.");
        cases.MapGet("/{caseId:guid}/history", CaseHistoryEndpoint.Handle)
            .WithName("GetCaseHistory")
            .WithSummary("Every change of the case with time, actor, agency and correlation id (lead agency and administrators).");
        cases.MapPost("/{caseId:guid}/transfer", CaseTransferEndpoints.Request)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RequestTransfer")
            .WithSummary("Ask another agency to take the lead of the case.");
        cases.MapPost("/{caseId:guid}/transfer/acceptance", CaseTransferEndpoints.Accept)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("AcceptTransfer")
            .WithSummary("The receiving agency takes the lead; the former lead no longer sees the case.");
        cases.MapPost("/{caseId:guid}/transfer/decline", CaseTransferEndpoints.Decline)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("DeclineTransfer")
            .WithSummary("The receiving agency declines; the lead stays where it is.");
        cases.MapPut("/{caseId:guid}/identity", IdentityEndpoints.Put)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RecordIdentity")
            .WithSummary("Store the client's names, aliases, birth date and contact, encrypted under the client's own key.");
        cases.MapGet("/{caseId:guid}/identity", IdentityEndpoints.Get)
            .WithName("GetIdentity")
            .WithSummary("The client's identity, for the lead agency and agencies with identity consent; 410 once erased.");
        cases.MapDelete("/{caseId:guid}/identity", IdentityEndpoints.Delete)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("EraseIdentity")
            .WithSummary("Destroy the client's key: the identity becomes unrecoverable everywhere; the history records it.");
        app.MapGet("/api/intake/caseloads", CaseloadsEndpoint.Handle)
            .WithTags("Caseloads")
            .RequireAuthorization(PlatformPolicies.Supervision)
            .WithName("GetCaseloads")
            .WithSummary("Each case manager's open cases, open crises and crisis load of the last 30 days (supervisors).");
        return app;
    }
}
