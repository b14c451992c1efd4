using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Referral.Referrals;

// The Referral stream, one per referral: its events (past tense) and its state. Every event names the case, so the
// relay can say which case a referral belongs to; none names the client.

public sealed record ReferralRequested(
    Guid ReferralId,
    Guid CaseId,
    string RequestingAgencyId,
    string ReceivingAgencyId,
    Guid OrganizationId,
    Guid ServiceId,
    ServiceType ServiceType,
    NeedDomain Need,
    string Language,
    bool InterpreterNeeded,
    DateTimeOffset RequestedAt);

public sealed record ReferralAccepted(Guid CaseId, string ReceivingAgencyId, ServiceType ServiceType, DateTimeOffset AcceptedAt);

public sealed record ReferralRejected(Guid CaseId, string ReceivingAgencyId, RejectionReason Reason, DateTimeOffset RejectedAt);

/// <summary>The service started, or resumed after a hold.</summary>
public sealed record ReferralStarted(Guid CaseId, string ReceivingAgencyId, DateTimeOffset StartedAt);

public sealed record ReferralPutOnHold(Guid CaseId, string ReceivingAgencyId, DateTimeOffset HeldAt);

public sealed record ReferralCompleted(Guid CaseId, string ReceivingAgencyId, DateTimeOffset CompletedAt);

public sealed record ReferralFailed(Guid CaseId, string ReceivingAgencyId, FailureReason Reason, DateTimeOffset FailedAt);

public sealed record ReferralCancelled(Guid CaseId, string ReceivingAgencyId, DateTimeOffset CancelledAt);

public sealed record ReferralEnteredInError(Guid CaseId, string ReceivingAgencyId, DateTimeOffset MarkedAt);

/// <summary>The referral lapsed at <paramref name="DueAt"/> (no answer, or no update); raised once per lapse.</summary>
public sealed record FollowUpDue(Guid CaseId, string RequestingAgencyId, string ReceivingAgencyId, FollowUpReason Reason,
    DateTimeOffset DueAt, DateTimeOffset RaisedAt);

public sealed record ServiceDelivered(Guid CaseId, Guid ServiceRecordId, string ProviderAgencyId, ServiceType ServiceType,
    DateOnly DeliveredOn, decimal Units, ServiceUnit Unit, DateTimeOffset RecordedAt);

public sealed record ServiceEnteredInError(Guid CaseId, Guid ServiceRecordId, string ProviderAgencyId, DateTimeOffset MarkedAt);

/// <summary>The Gravity / FHIR Task states a referral goes through.</summary>
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

/// <summary>One service delivered, as the ledger keeps it: a wrong entry is marked, never removed.</summary>
public sealed record ServiceRecord(
    Guid Id,
    string ProviderAgencyId,
    ServiceType ServiceType,
    DateOnly DeliveredOn,
    decimal Units,
    ServiceUnit Unit,
    DateTimeOffset RecordedAt,
    DateTimeOffset? EnteredInErrorAt = null)
{
    public bool Counts => EnteredInErrorAt is null;
}

/// <summary>A referral as Referral knows it; kept as an inline snapshot so a read is one document load.</summary>
public sealed record Referral(
    Guid Id,
    Guid CaseId,
    string RequestingAgencyId,
    string ReceivingAgencyId,
    Guid OrganizationId,
    Guid ServiceId,
    ServiceType ServiceType,
    NeedDomain Need,
    string Language,
    bool InterpreterNeeded,
    ReferralStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset LastChangedAt)
{
    /// <summary>The stream version, set by Marten.</summary>
    public long Version { get; set; }

    public RejectionReason? RejectionReason { get; init; }

    public FailureReason? FailureReason { get; init; }

    /// <summary>When the current lapse fell due, once its follow-up was raised; any update clears it (re-arms).</summary>
    public DateTimeOffset? FollowUpDueAt { get; init; }

    public FollowUpReason? FollowUpReason { get; init; }

    public IReadOnlyList<ServiceRecord> Services { get; init; } = [];

    /// <summary>The whole life of a referral in one fold; Marten uses Create and Apply, decision tests use this.</summary>
    public static Referral Fold(Referral? state, object @event) => (state, @event) switch
    {
        (null, ReferralRequested e) => Create(e),
        (not null, ReferralAccepted e) => state.Apply(e),
        (not null, ReferralRejected e) => state.Apply(e),
        (not null, ReferralStarted e) => state.Apply(e),
        (not null, ReferralPutOnHold e) => state.Apply(e),
        (not null, ReferralCompleted e) => state.Apply(e),
        (not null, ReferralFailed e) => state.Apply(e),
        (not null, ReferralCancelled e) => state.Apply(e),
        (not null, ReferralEnteredInError e) => state.Apply(e),
        (not null, FollowUpDue e) => state.Apply(e),
        (not null, ServiceDelivered e) => state.Apply(e),
        (not null, ServiceEnteredInError e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : "a requested referral")}."),
    };

    public static Referral Create(ReferralRequested e) =>
        new(e.ReferralId, e.CaseId, e.RequestingAgencyId, e.ReceivingAgencyId, e.OrganizationId, e.ServiceId, e.ServiceType, e.Need,
            e.Language, e.InterpreterNeeded, ReferralStatus.Requested, e.RequestedAt, e.RequestedAt);

    public Referral Apply(ReferralAccepted e) => Changed(ReferralStatus.Accepted, e.AcceptedAt);

    public Referral Apply(ReferralRejected e) => Changed(ReferralStatus.Rejected, e.RejectedAt) with { RejectionReason = e.Reason };

    public Referral Apply(ReferralStarted e) => Changed(ReferralStatus.InProgress, e.StartedAt);

    public Referral Apply(ReferralPutOnHold e) => Changed(ReferralStatus.OnHold, e.HeldAt);

    public Referral Apply(ReferralCompleted e) => Changed(ReferralStatus.Completed, e.CompletedAt);

    public Referral Apply(ReferralFailed e) => Changed(ReferralStatus.Failed, e.FailedAt) with { FailureReason = e.Reason };

    public Referral Apply(ReferralCancelled e) => Changed(ReferralStatus.Cancelled, e.CancelledAt);

    public Referral Apply(ReferralEnteredInError e) => Changed(ReferralStatus.EnteredInError, e.MarkedAt);

    public Referral Apply(FollowUpDue e) => this with { FollowUpDueAt = e.DueAt, FollowUpReason = e.Reason };

    public Referral Apply(ServiceDelivered e) => Changed(Status, e.RecordedAt) with
    {
        Services = [.. Services, new ServiceRecord(e.ServiceRecordId, e.ProviderAgencyId, e.ServiceType, e.DeliveredOn, e.Units, e.Unit, e.RecordedAt)],
    };

    public Referral Apply(ServiceEnteredInError e) => Changed(Status, e.MarkedAt) with
    {
        Services = Services.Select(s => s.Id == e.ServiceRecordId ? s with { EnteredInErrorAt = e.MarkedAt } : s).ToList(),
    };

    /// <summary>Any update is news from the referral: the follow-up clock starts again.</summary>
    private Referral Changed(ReferralStatus status, DateTimeOffset at) =>
        this with { Status = status, LastChangedAt = at, FollowUpDueAt = null, FollowUpReason = null };
}
