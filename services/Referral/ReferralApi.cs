using Platform.Referral.Directory.Locations;
using Platform.Referral.Directory.Matching;
using Platform.Referral.Directory.Reading;
using Platform.Referral.Directory.Registering;
using Platform.Referral.Directory.Services;
using Platform.Referral.Referrals.Answering;
using Platform.Referral.Referrals.Ledger;
using Platform.Referral.Referrals.Progressing;
using Platform.Referral.Referrals.Reading;
using Platform.Referral.Referrals.Requesting;
using Platform.Referral.Referrals.Withdrawing;
using Platform.ServiceDefaults;

namespace Platform.Referral;

/// <summary>Referral's HTTP API, under <c>/api/referrals</c> and <c>/api/providers</c>: a table of contents of what it can do.</summary>
public static class ReferralApi
{
    public static WebApplication MapReferralApi(this WebApplication app)
    {
        var referrals = app.MapGroup("/api/referrals")
            .WithTags("Referrals")
            .RequireAuthorization(PlatformPolicies.AnyRole);

        referrals.MapPost("/", RequestReferralEndpoint.Handle)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("RequestReferral")
            .WithSummary("Refer the client of a case to a directory service (the case's referrals must be visible to the caller).");
        referrals.MapGet("/", ReadReferralEndpoints.ListForCase)
            .WithName("ListReferralsOfCase")
            .WithSummary("The referrals of a case (?caseId=), for whoever may see the case's referrals.");
        referrals.MapGet("/incoming", ReadReferralEndpoints.Incoming)
            .WithName("ListIncomingReferrals")
            .WithSummary("The referrals addressed to the caller's agency, optionally in one state (?status=).");
        referrals.MapGet("/{referralId:guid}", ReadReferralEndpoints.Get)
            .WithName("GetReferral")
            .WithSummary("Read a referral (both sides, and whoever may see the case's referrals; anyone else gets 404).");
        referrals.MapPost("/{referralId:guid}/acceptance", AnswerReferralEndpoints.Accept)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("AcceptReferral")
            .WithSummary("The receiving agency accepts; it joins the case team (what it sees still depends on consent).");
        referrals.MapPost("/{referralId:guid}/rejection", AnswerReferralEndpoints.Reject)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("RejectReferral")
            .WithSummary("The receiving agency declines, with a reason.");
        referrals.MapPost("/{referralId:guid}/start", ProgressReferralEndpoints.Start)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("StartReferral")
            .WithSummary("The receiving agency starts the service, or resumes it after a hold.");
        referrals.MapPost("/{referralId:guid}/hold", ProgressReferralEndpoints.Hold)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("PutReferralOnHold")
            .WithSummary("The receiving agency pauses a service in progress.");
        referrals.MapPost("/{referralId:guid}/completion", ProgressReferralEndpoints.Complete)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("CompleteReferral")
            .WithSummary("The receiving agency completed the service.");
        referrals.MapPost("/{referralId:guid}/failure", ProgressReferralEndpoints.Fail)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("FailReferral")
            .WithSummary("The receiving agency could not deliver the service, with a reason.");
        referrals.MapPost("/{referralId:guid}/cancellation", WithdrawReferralEndpoints.Cancel)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("CancelReferral")
            .WithSummary("The requesting agency withdraws a referral that has not ended.");
        referrals.MapPost("/{referralId:guid}/entered-in-error", WithdrawReferralEndpoints.EnteredInError)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("MarkReferralEnteredInError")
            .WithSummary("The requesting agency marks a referral that should never have been made.");
        referrals.MapPost("/{referralId:guid}/services", ServiceLedgerEndpoints.Record)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("RecordDeliveredService")
            .WithSummary("The receiving agency records a service it delivered (date, type, units); it may be claimed for reimbursement.");
        referrals.MapGet("/{referralId:guid}/services", ReadReferralEndpoints.Services)
            .WithName("ListDeliveredServices")
            .WithSummary("The services delivered on a referral, those entered in error included and marked.");
        referrals.MapPost("/{referralId:guid}/services/{serviceRecordId:guid}/entered-in-error", ServiceLedgerEndpoints.EnteredInError)
            .RequireAuthorization(ReferralPolicies.ReferralWork)
            .WithName("MarkServiceEnteredInError")
            .WithSummary("The receiving agency marks a wrong service record; it stays on record and no longer counts.");

        var providers = app.MapGroup("/api/providers")
            .WithTags("Provider directory")
            .RequireAuthorization(PlatformPolicies.AnyRole);

        providers.MapGet("/match", MatchEndpoint.Handle)
            .WithName("MatchServices")
            .WithSummary("Services that fit a need (type, language, ageGroup, age, clientCategory, interpreterNeeded, area), best first, with why.");
        providers.MapGet("/organizations", ReadDirectoryEndpoints.List)
            .WithName("ListOrganizations")
            .WithSummary("Every organization of the directory with its services and capacity; no address is ever shown.");
        providers.MapGet("/organizations/{organizationId:guid}", ReadDirectoryEndpoints.Get)
            .WithName("GetOrganization")
            .WithSummary("One organization; shelters show no location at all.");
        providers.MapPost("/organizations", RegisterOrganizationEndpoint.Handle)
            .RequireAuthorization(ReferralPolicies.DirectoryUpkeep)
            .WithName("RegisterOrganization")
            .WithSummary("Register an agency's organization (a provider its own, an administrator any).");
        providers.MapPost("/organizations/{organizationId:guid}/services", ServiceEndpoints.List)
            .RequireAuthorization(ReferralPolicies.DirectoryUpkeep)
            .WithName("ListService")
            .WithSummary("Add a service: type, languages, ages and client categories served, interpretation, hours, areas.");
        providers.MapPut("/organizations/{organizationId:guid}/services/{serviceId:guid}", ServiceEndpoints.Revise)
            .RequireAuthorization(ReferralPolicies.DirectoryUpkeep)
            .WithName("ReviseService")
            .WithSummary("Replace a service's description, its status included (If-Match: the organization's ETag).");
        providers.MapPut("/organizations/{organizationId:guid}/services/{serviceId:guid}/capacity", ServiceEndpoints.SetCapacity)
            .RequireAuthorization(ReferralPolicies.DirectoryUpkeep)
            .WithName("UpdateCapacity")
            .WithSummary("Publish available and maximum units (e.g. beds) as of now.");
        providers.MapPost("/organizations/{organizationId:guid}/locations", AddLocationEndpoint.Handle)
            .RequireAuthorization(ReferralPolicies.DirectoryUpkeep)
            .WithName("AddLocation")
            .WithSummary("Add a place; its address is never returned, and a confidential place (every shelter's) is never shown.");
        return app;
    }
}
