using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Access;

namespace Platform.Intake.Cases;

// The Case stream: its events (past tense) and its state, evolved by Marten from them.

public sealed record CaseOpened(
    Guid CaseId,
    string LeadAgencyId,
    ReferralSource ReferralSource,
    ClientCategory ClientCategory,
    AgeGroup AgeGroup,
    TraffickingType TraffickingType,
    string PreferredLanguage,
    bool InterpreterNeeded,
    DateTimeOffset OpenedAt,
    string? Label = null);

public sealed record CaseClosed(CaseClosureReason Reason, DateTimeOffset ClosedAt);

public sealed record CaseReopened(DateTimeOffset ReopenedAt);

public sealed record AgencyJoinedCase(string AgencyId, TeamRole Role, DateTimeOffset JoinedAt);

public sealed record AgencyLeftCase(string AgencyId, DateTimeOffset LeftAt);

public sealed record ConsentGranted(
    Guid ConsentId,
    string AgencyId,
    IReadOnlyList<InformationCategory> Categories,
    DateTimeOffset ExpiresAt,
    ConsentGiver GivenBy,
    string ReleaseReference,
    DateTimeOffset GrantedAt);

public sealed record ConsentRevoked(Guid ConsentId, string AgencyId, DateTimeOffset RevokedAt);

public sealed record ConsentExpired(Guid ConsentId, string AgencyId, DateTimeOffset ExpiredAt);

public sealed record NeedsAssessed(IReadOnlyList<NeedLevel> Needs, IReadOnlyList<string> Strengths, DateTimeOffset AssessedAt);

public sealed record CrisisReported(Guid CrisisId, CrisisKind Kind, CrisisSeverity Severity, DateTimeOffset ReportedAt);

public sealed record CrisisResolved(Guid CrisisId, DateTimeOffset ResolvedAt);

public sealed record CaseManagerAssigned(string CaseManagerId, DateTimeOffset AssignedAt);

public sealed record TransferRequested(string ToAgencyId, DateTimeOffset RequestedAt);

public sealed record TransferAccepted(string FromAgencyId, string ToAgencyId, DateTimeOffset AcceptedAt);

public sealed record TransferDeclined(string ToAgencyId, DateTimeOffset DeclinedAt);

/// <summary>The client's identity was stored (encrypted, outside the stream); the event carries none of it.</summary>
public sealed record IdentityRecorded(DateTimeOffset RecordedAt);

/// <summary>The client's key was destroyed: the identity is unrecoverable everywhere.</summary>
public sealed record IdentityErased(DateTimeOffset ErasedAt);

public enum CaseStatus
{
    Open,
    Closed,
}

public sealed record TeamMember(string AgencyId, TeamRole Role, DateTimeOffset JoinedAt);

/// <summary>A consent in force: granted, not yet revoked or expired.</summary>
public sealed record Consent(
    Guid Id,
    string AgencyId,
    IReadOnlyList<InformationCategory> Categories,
    DateTimeOffset ExpiresAt,
    ConsentGiver GivenBy,
    string ReleaseReference,
    DateTimeOffset GrantedAt);

/// <summary>The latest assessment of needs and strengths, and how many came before it.</summary>
public sealed record Assessment(IReadOnlyList<NeedLevel> Needs, IReadOnlyList<string> Strengths, DateTimeOffset AssessedAt, int Number);

public sealed record Crisis(Guid Id, CrisisKind Kind, CrisisSeverity Severity, DateTimeOffset ReportedAt, DateTimeOffset? ResolvedAt = null)
{
    public bool IsOpen => ResolvedAt is null;
}

/// <summary>A case as Intake knows it; kept as an inline snapshot so a read is one document load.</summary>
public sealed record Case(
    Guid Id,
    string LeadAgencyId,
    ReferralSource ReferralSource,
    ClientCategory ClientCategory,
    AgeGroup AgeGroup,
    TraffickingType TraffickingType,
    string PreferredLanguage,
    bool InterpreterNeeded,
    CaseStatus Status,
    DateTimeOffset OpenedAt,
    CaseClosureReason? ClosureReason = null,
    DateTimeOffset? ClosedAt = null)
{
    /// <summary>The stream version, set by Marten.</summary>
    public long Version { get; set; }

    public IReadOnlyList<TeamMember> Team { get; init; } = [];

    /// <summary>The lead agency's own label for the case (a reference it chooses, never the client's name).</summary>
    public string? Label { get; init; }

    public IReadOnlyList<Consent> Consents { get; init; } = [];

    public Assessment? Assessment { get; init; }

    /// <summary>The lead case manager: an opaque user id of the lead agency.</summary>
    public string? CaseManagerId { get; init; }

    public DateTimeOffset? IdentityRecordedAt { get; init; }

    public DateTimeOffset? IdentityErasedAt { get; init; }

    /// <summary>The agency asked to take the lead, until it accepts or declines.</summary>
    public string? PendingTransferTo { get; init; }

    public IReadOnlyList<Crisis> Crises { get; init; } = [];

    /// <summary>The access model every service shares, as of this state.</summary>
    public CaseAccess Access =>
        new(Id, LeadAgencyId, Team.Select(t => t.AgencyId).ToList(),
            Consents.Select(c => new ConsentGrant(c.Id, c.AgencyId, c.Categories, c.ExpiresAt)).ToList()) { Closed = Status == CaseStatus.Closed };

    /// <summary>The whole life of a case in one fold; Marten uses Create and Apply, decision tests use this.</summary>
    public static Case Fold(Case? state, object @event) => (state, @event) switch
    {
        (null, CaseOpened e) => Create(e),
        (not null, CaseClosed e) => state.Apply(e),
        (not null, CaseReopened e) => state.Apply(e),
        (not null, AgencyJoinedCase e) => state.Apply(e),
        (not null, AgencyLeftCase e) => state.Apply(e),
        (not null, ConsentGranted e) => state.Apply(e),
        (not null, ConsentRevoked e) => state.Apply(e),
        (not null, ConsentExpired e) => state.Apply(e),
        (not null, NeedsAssessed e) => state.Apply(e),
        (not null, CaseManagerAssigned e) => state.Apply(e),
        (not null, TransferRequested e) => state.Apply(e),
        (not null, IdentityRecorded e) => state.Apply(e),
        (not null, IdentityErased e) => state.Apply(e),
        (not null, TransferAccepted e) => state.Apply(e),
        (not null, TransferDeclined e) => state.Apply(e),
        (not null, CrisisReported e) => state.Apply(e),
        (not null, CrisisResolved e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : "an opened case")}."),
    };

    public static Case Create(CaseOpened e) =>
        new(e.CaseId, e.LeadAgencyId, e.ReferralSource, e.ClientCategory, e.AgeGroup, e.TraffickingType,
            e.PreferredLanguage, e.InterpreterNeeded, CaseStatus.Open, e.OpenedAt) { Label = e.Label };

    public Case Apply(CaseClosed e) => this with { Status = CaseStatus.Closed, ClosureReason = e.Reason, ClosedAt = e.ClosedAt };

    public Case Apply(CaseReopened e) => this with { Status = CaseStatus.Open, ClosureReason = null, ClosedAt = null };

    public Case Apply(AgencyJoinedCase e) => this with { Team = [.. Team, new TeamMember(e.AgencyId, e.Role, e.JoinedAt)] };

    public Case Apply(AgencyLeftCase e) => this with
    {
        Team = Team.Where(t => t.AgencyId != e.AgencyId).ToList(),
        Consents = Consents.Where(c => c.AgencyId != e.AgencyId).ToList(),
    };

    public Case Apply(ConsentGranted e) => this with
    {
        Consents = [.. Consents, new Consent(e.ConsentId, e.AgencyId, e.Categories, e.ExpiresAt, e.GivenBy, e.ReleaseReference, e.GrantedAt)],
    };

    public Case Apply(ConsentRevoked e) => this with { Consents = Consents.Where(c => c.Id != e.ConsentId).ToList() };

    public Case Apply(ConsentExpired e) => this with { Consents = Consents.Where(c => c.Id != e.ConsentId).ToList() };

    public Case Apply(NeedsAssessed e) =>
        this with { Assessment = new Assessment(e.Needs, e.Strengths, e.AssessedAt, (Assessment?.Number ?? 0) + 1) };

    public Case Apply(CrisisReported e) => this with { Crises = [.. Crises, new Crisis(e.CrisisId, e.Kind, e.Severity, e.ReportedAt)] };

    public Case Apply(CrisisResolved e) =>
        this with { Crises = Crises.Select(c => c.Id == e.CrisisId ? c with { ResolvedAt = e.ResolvedAt } : c).ToList() };

    public Case Apply(CaseManagerAssigned e) => this with { CaseManagerId = e.CaseManagerId };

    public Case Apply(TransferRequested e) => this with { PendingTransferTo = e.ToAgencyId };

    /// <summary>The new lead leaves the team it may have been on; the former lead's case manager no longer applies.</summary>
    public Case Apply(TransferAccepted e) => this with
    {
        LeadAgencyId = e.ToAgencyId,
        PendingTransferTo = null,
        CaseManagerId = null,
        Team = Team.Where(t => t.AgencyId != e.ToAgencyId).ToList(),
        Consents = Consents.Where(c => c.AgencyId != e.ToAgencyId).ToList(),
    };

    public Case Apply(TransferDeclined e) => this with { PendingTransferTo = null };

    public Case Apply(IdentityRecorded e) => this with { IdentityRecordedAt = e.RecordedAt };

    public Case Apply(IdentityErased e) => this with { IdentityErasedAt = e.ErasedAt };
}
