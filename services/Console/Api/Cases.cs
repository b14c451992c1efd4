using Platform.Contracts;
using Platform.Contracts.Intake;

namespace Platform.Console.Api;

// The shapes of Intake's answers the console reads (GET /api/intake/cases, /cases/{id}), as the API writes them.

public sealed record CaseView(
    Guid Id,
    long Version,
    CaseStatus Status,
    string LeadAgencyId,
    DateTimeOffset OpenedAt,
    CaseClosureReason? ClosureReason,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<InformationCategory> VisibleCategories,
    ReferralSource? ReferralSource = null,
    ClientCategory? ClientCategory = null,
    AgeGroup? AgeGroup = null,
    TraffickingType? TraffickingType = null,
    string? PreferredLanguage = null,
    bool? InterpreterNeeded = null,
    AssessmentView? Assessment = null,
    IReadOnlyList<CrisisView>? Crises = null,
    IReadOnlyList<TeamMemberView>? Team = null,
    IReadOnlyList<ConsentView>? Consents = null,
    string? Label = null,
    string? CaseManagerId = null)
{
    public IEnumerable<CrisisView> OpenCrises => (Crises ?? []).Where(c => c.ResolvedAt is null);

    /// <summary>How the case is named in lists: the lead agency's label, else a short form of its id.</summary>
    public string Name => Label ?? ShortId(Id);

    public static string ShortId(Guid id) => id.ToString("N")[^8..].ToUpperInvariant();
}

public sealed record CasePage(IReadOnlyList<CaseView> Items, string? Next);

public sealed record AssessmentView(IReadOnlyList<NeedLevel> Needs, IReadOnlyList<string> Strengths, DateTimeOffset AssessedAt, int Number);

public sealed record CrisisView(Guid Id, CrisisKind Kind, CrisisSeverity Severity, DateTimeOffset ReportedAt, DateTimeOffset? ResolvedAt = null);

public sealed record TeamMemberView(string AgencyId, TeamRole Role, DateTimeOffset JoinedAt);

public sealed record ConsentView(Guid Id, string AgencyId, IReadOnlyList<InformationCategory> Categories, DateTimeOffset ExpiresAt,
    ConsentGiver GivenBy, string ReleaseReference, DateTimeOffset GrantedAt);

public sealed record OpenCaseRequest(ReferralSource? ReferralSource, ClientCategory? ClientCategory, AgeGroup? AgeGroup,
    TraffickingType? TraffickingType, string? PreferredLanguage, bool? InterpreterNeeded, string? Label);

public sealed record AssessNeedsRequest(IReadOnlyList<NeedLevel> Needs, IReadOnlyList<string> Strengths);

public sealed record AddAgencyRequest(string? AgencyId, TeamRole? Role);

public sealed record GrantConsentRequest(string? AgencyId, IReadOnlyList<InformationCategory> Categories, DateTimeOffset? ExpiresAt,
    ConsentGiver? GivenBy, string? ReleaseReference);

public sealed record ReportCrisisRequest(CrisisKind? Kind, CrisisSeverity? Severity);

public sealed record AssignCaseManagerRequest(string? CaseManagerId);

/// <summary>One item of the Communications feed (a CloudEvent); the console reads only which case it is about.</summary>
public sealed record FeedItem(string Id, string Type, string? Subject);

public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? Next);

/// <summary>A case is open or closed (Intake's own status; not an integration contract).</summary>
public enum CaseStatus
{
    Open,
    Closed,
}

/// <summary>An eligibility window ending soon (GET /api/eligibility/deadlines), as Eligibility writes it.</summary>
public sealed record DeadlineView(Guid CaseId, Guid WindowId, string ProgramId, string ProgramName, DateOnly EndsOn, int DaysLeft, string Status,
    bool Extendable, bool Renewable);

public sealed record DeadlinesView(int WithinDays, IReadOnlyList<DeadlineView> Deadlines);

/// <summary>A referral as both sides see it (GET /api/referrals/incoming): ids, kinds, states, times; nothing about the client.</summary>
public sealed record ReferralView(Guid Id, Guid CaseId, string RequestingAgencyId, string ReceivingAgencyId, Guid ServiceId,
    Platform.Contracts.Referral.ServiceType ServiceType, NeedDomain Need, string Language, bool InterpreterNeeded, ReferralStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset LastChangedAt, DateTimeOffset? FollowUpDueAt, int ServicesDelivered, long Version);

/// <summary>Referral states after Gravity / FHIR Task (Referral's own, not an integration contract).</summary>
public enum ReferralStatus
{
    Requested,
    Accepted,
    Rejected,
    InProgress,
    OnHold,
    Completed,
    Failed,
    Cancelled,
    EnteredInError,
}

public sealed record RejectReferralRequest(Platform.Contracts.Referral.RejectionReason? Reason);

public sealed record RecordServiceRequest(DateOnly? DeliveredOn, Platform.Contracts.Referral.ServiceType? ServiceType, decimal? Units,
    Platform.Contracts.Referral.ServiceUnit? Unit);

/// <summary>One change of a case (GET /api/intake/cases/{id}/history).</summary>
public sealed record CaseHistoryEntry(long Version, string Event, DateTimeOffset At, string AgencyId, string UserId, string? CorrelationId);

/// <summary>One entry of the disclosure log (GET /api/communications/cases/{id}/disclosures).</summary>
public sealed record DisclosureView(DateTimeOffset At, string Kind, string AgencyId, string UserId, string What,
    IReadOnlyList<InformationCategory> Categories, string Outcome, long? Position, string? PreviousHash, string? Hash);

public sealed record BrokenLink(long Position, Guid? EntryId, string Reason);

/// <summary>The disclosure chain recomputed (GET /api/communications/audit/verify).</summary>
public sealed record AuditReport(bool Intact, long Verified, long HeadPosition, string HeadHash, BrokenLink? FirstBroken, int Unsealed,
    DateTimeOffset CheckedAt);

/// <summary>A case's plan (GET /api/plans/cases/{id}/plan), the parts the console shows.</summary>
public sealed record PlanView(Guid CaseId, long Version, bool Closed, long PlanVersion, bool AwaitsAgreement, AgreementView? LastAgreement,
    IReadOnlyList<GoalView> Goals, DateOnly? NextReviewOn, DateTimeOffset? LastReviewedAt, IReadOnlyList<MilestoneView> Milestones);

public sealed record AgreementView(long PlanVersion, string Method, DateTimeOffset AgreedAt);

public sealed record GoalView(Guid Id, NeedDomain Domain, string DesiredOutcome, string? ClientWords, DateOnly? TargetDate,
    Platform.Contracts.ServicePlan.GoalStatus Status, bool FromAssessment, DateTimeOffset SetAt);

public sealed record MilestoneView(Guid Id, Platform.Contracts.ServicePlan.MilestoneKind Kind, DateTimeOffset At, string Place, string? PlaceName,
    string Status, string ScheduledByAgencyId);

public sealed record GoalRequest(string? Domain, string? DesiredOutcome, string? ClientWords, DateOnly? TargetDate);

public sealed record AgreementRequest(long? PlanVersion, string? Method);
