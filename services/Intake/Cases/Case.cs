using Platform.Contracts.Intake;

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
    DateTimeOffset OpenedAt);

public sealed record CaseClosed(CaseClosureReason Reason, DateTimeOffset ClosedAt);

public sealed record CaseReopened(DateTimeOffset ReopenedAt);

public enum CaseStatus
{
    Open,
    Closed,
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

    /// <summary>The whole life of a case in one fold; Marten uses Create and Apply, decision tests use this.</summary>
    public static Case Fold(Case? state, object @event) => (state, @event) switch
    {
        (null, CaseOpened e) => Create(e),
        (not null, CaseClosed e) => state.Apply(e),
        (not null, CaseReopened e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : "an opened case")}."),
    };

    public static Case Create(CaseOpened e) =>
        new(e.CaseId, e.LeadAgencyId, e.ReferralSource, e.ClientCategory, e.AgeGroup, e.TraffickingType,
            e.PreferredLanguage, e.InterpreterNeeded, CaseStatus.Open, e.OpenedAt);

    public Case Apply(CaseClosed e) => this with { Status = CaseStatus.Closed, ClosureReason = e.Reason, ClosedAt = e.ClosedAt };

    public Case Apply(CaseReopened e) => this with { Status = CaseStatus.Open, ClosureReason = null, ClosedAt = null };
}
