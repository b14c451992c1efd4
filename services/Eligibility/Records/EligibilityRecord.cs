using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Eligibility.Programs;

namespace Platform.Eligibility.Records;

// The client's eligibility record (one stream per case, its id the case id): its events (past tense) and its state, evolved by Marten.

public sealed record EligibilityRecordOpened(Guid CaseId, string LeadAgencyId, ClientCategory ClientCategory, AgeGroup AgeGroup, DateTimeOffset OpenedAt);

/// <summary>A window opened under <paramref name="Rule"/>, a copy of the program as configured at that moment.</summary>
public sealed record EnrolledInProgram(Guid WindowId, ProgramRule Rule, WindowTrigger OpenedBy, DateOnly StartsOn, DateOnly EndsOn, Guid? LetterId,
    DateTimeOffset EnrolledAt);

/// <summary>A letter; its reference (the letter's number) stays in this service.</summary>
public sealed record CertificationRecorded(Guid LetterId, LetterKind Kind, DateOnly LetterDate, string Reference, DateTimeOffset RecordedAt);

public sealed record EligibilityWindowClosed(Guid WindowId, string ProgramId, WindowClosedReason Reason, DateOnly ClosedOn, DateTimeOffset ClosedAt);

public sealed record EligibilityExpiring(Guid WindowId, string ProgramId, int ThresholdDays, DateOnly EndsOn, DateTimeOffset RaisedAt);

public sealed record EligibilityExpired(Guid WindowId, string ProgramId, DateOnly EndedOn, DateTimeOffset RaisedAt);

public sealed record RenewalDue(Guid WindowId, string ProgramId, DateOnly EndsOn, DateTimeOffset RaisedAt);

public sealed record ExtensionGranted(Guid WindowId, string ProgramId, int Days, DateOnly EndsOn, DateTimeOffset GrantedAt);

public sealed record EligibilityRenewed(Guid WindowId, string ProgramId, DateOnly EndsOn, DateTimeOffset RenewedAt);

public sealed record ServiceClaimed(Guid CaseId, Guid ServiceRecordId, Guid ReferralId, string ProviderAgencyId, string LeadAgencyId, ServiceType ServiceType,
    DateOnly DeliveredOn, decimal Units, ServiceUnit Unit, Guid WindowId, string ProgramId, string ProgramName, DateTimeOffset ClaimedAt);

public sealed record ServiceNotReimbursable(Guid ServiceRecordId, Guid ReferralId, string ProviderAgencyId, ServiceType ServiceType, DateOnly DeliveredOn,
    decimal Units, ServiceUnit Unit, NotReimbursableReason Reason, DateTimeOffset RecordedAt);

public sealed record ClaimVoided(Guid ServiceRecordId, string ProgramId, ClaimVoidReason Reason, DateTimeOffset VoidedAt);

public sealed record Letter(Guid Id, LetterKind Kind, DateOnly Date, string Reference, DateTimeOffset RecordedAt);

/// <summary>A delivered service as the ledger decided it, so a redelivery changes nothing.</summary>
public sealed record Delivery(Guid ServiceRecordId, Guid ReferralId, string? ClaimedUnder, bool Voided);

/// <summary>
/// A program window. Every alert it owes (each warning threshold, the renewal notice, the expiry) falls due at the start (UTC) of a day
/// and is owed only when that moment comes after the window was armed (opened, extended or renewed): an alert already behind when the
/// case manager entered the window is not raised late, one that passed while the monitor was down is.
/// </summary>
public sealed record Window(Guid Id, ProgramRule Rule, WindowTrigger OpenedBy, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset ArmedAt)
{
    public IReadOnlyList<int> RaisedThresholds { get; init; } = [];
    public bool ExpiredRaised { get; init; }
    public bool RenewalDueRaised { get; init; }
    public int Extensions { get; init; }
    public DateOnly? ClosedOn { get; init; }

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public DateTimeOffset ThresholdAt(int days) => StartOf(EndsOn.AddDays(-days));

    public DateTimeOffset ExpiresAt => StartOf(EndsOn.AddDays(1));

    public IEnumerable<int> OwedThresholds => ClosedOn is not null
        ? []
        : Rule.WarningDays.Where(d => !RaisedThresholds.Contains(d) && EndsOn.AddDays(-d) >= StartsOn && ThresholdAt(d) > ArmedAt);

    public DateTimeOffset? RenewalDueAt => ClosedOn is null && Rule.RenewalNoticeDays is { } notice && !RenewalDueRaised
        && StartOf(EndsOn.AddDays(-notice)) is var at && at > ArmedAt ? at : null;

    public DateTimeOffset? ExpiryOwedAt => ClosedOn is null && !ExpiredRaised && ExpiresAt > ArmedAt ? ExpiresAt : null;

    /// <summary>The earliest alert still owed.</summary>
    public DateTimeOffset? NextDeadline =>
        OwedThresholds.Select(d => (DateTimeOffset?)ThresholdAt(d)).Append(RenewalDueAt).Append(ExpiryOwedAt).Where(d => d is not null).Min();

    /// <summary>Whether services delivered on <paramref name="day"/> fall inside the window.</summary>
    public bool IsOpenOn(DateOnly day) => day >= StartsOn && day <= EndsOn && (ClosedOn is null || day < ClosedOn);

    public int DaysLeft(DateOnly today) => EndsOn.DayNumber - today.DayNumber;

    public WindowStatus StatusOn(DateOnly today) =>
        ClosedOn is { } closed && closed <= StartsOn ? WindowStatus.Cancelled
        : ClosedOn is { } c && c <= today ? WindowStatus.Finished
        : today < StartsOn ? WindowStatus.Planned
        : today > EndsOn ? WindowStatus.Finished
        : WindowStatus.Active;

    /// <summary>A new end: the thresholds, renewal notice and expiry are owed again for it, from <paramref name="at"/> on.</summary>
    public Window Rearmed(DateOnly endsOn, DateTimeOffset at) =>
        this with { EndsOn = endsOn, ArmedAt = at, RaisedThresholds = [], ExpiredRaised = false, RenewalDueRaised = false };
}

/// <summary>A client's eligibility as this service knows it; an inline snapshot, so a read is one document load.</summary>
public sealed record EligibilityRecord(Guid Id, string LeadAgencyId, ClientCategory ClientCategory, AgeGroup AgeGroup, DateTimeOffset OpenedAt)
{
    /// <summary>The stream version, set by Marten (the ETag).</summary>
    public long Version { get; set; }

    public IReadOnlyList<Window> Windows { get; init; } = [];

    public IReadOnlyList<Letter> Letters { get; init; } = [];

    public IReadOnlyList<Delivery> Deliveries { get; init; } = [];

    /// <summary>An HHS certification letter (adults) or an eligibility letter (minors) is on record.</summary>
    public bool IsCertified => Letters.Any(l => l.Kind is LetterKind.HhsCertification or LetterKind.Eligibility);

    /// <summary>The earliest alert still owed by any window, for the monitor (a column of the snapshot).</summary>
    public DateTimeOffset? NextDeadline => Windows.Select(w => w.NextDeadline).Where(d => d is not null).Min();

    public Window? Window(Guid id) => Windows.FirstOrDefault(w => w.Id == id);

    public Delivery? Delivery(Guid serviceRecordId) => Deliveries.FirstOrDefault(d => d.ServiceRecordId == serviceRecordId);

    /// <summary>The whole life of a record in one fold; Marten uses Create and Apply, decision tests use this.</summary>
    public static EligibilityRecord Fold(EligibilityRecord? state, object @event) => (state, @event) switch
    {
        (null, EligibilityRecordOpened e) => Create(e),
        (not null, EnrolledInProgram e) => state.Apply(e),
        (not null, CertificationRecorded e) => state.Apply(e),
        (not null, EligibilityWindowClosed e) => state.Apply(e),
        (not null, EligibilityExpiring e) => state.Apply(e),
        (not null, EligibilityExpired e) => state.Apply(e),
        (not null, RenewalDue e) => state.Apply(e),
        (not null, ExtensionGranted e) => state.Apply(e),
        (not null, EligibilityRenewed e) => state.Apply(e),
        (not null, ServiceClaimed e) => state.Apply(e),
        (not null, ServiceNotReimbursable e) => state.Apply(e),
        (not null, ClaimVoided e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : "an opened record")}."),
    };

    public static EligibilityRecord Create(EligibilityRecordOpened e) => new(e.CaseId, e.LeadAgencyId, e.ClientCategory, e.AgeGroup, e.OpenedAt);

    public EligibilityRecord Apply(EnrolledInProgram e) =>
        this with { Windows = [.. Windows, new Window(e.WindowId, e.Rule, e.OpenedBy, e.StartsOn, e.EndsOn, e.EnrolledAt)] };

    public EligibilityRecord Apply(CertificationRecorded e) =>
        this with { Letters = [.. Letters, new Letter(e.LetterId, e.Kind, e.LetterDate, e.Reference, e.RecordedAt)] };

    public EligibilityRecord Apply(EligibilityWindowClosed e) => WithWindow(e.WindowId, w => w with { ClosedOn = e.ClosedOn });

    public EligibilityRecord Apply(EligibilityExpiring e) =>
        WithWindow(e.WindowId, w => w with { RaisedThresholds = [.. w.RaisedThresholds, e.ThresholdDays] });

    public EligibilityRecord Apply(EligibilityExpired e) => WithWindow(e.WindowId, w => w with { ExpiredRaised = true });

    public EligibilityRecord Apply(RenewalDue e) => WithWindow(e.WindowId, w => w with { RenewalDueRaised = true });

    public EligibilityRecord Apply(ExtensionGranted e) =>
        WithWindow(e.WindowId, w => w.Rearmed(e.EndsOn, e.GrantedAt) with { Extensions = w.Extensions + 1 });

    public EligibilityRecord Apply(EligibilityRenewed e) => WithWindow(e.WindowId, w => w.Rearmed(e.EndsOn, e.RenewedAt));

    public EligibilityRecord Apply(ServiceClaimed e) =>
        this with { Deliveries = [.. Deliveries, new Delivery(e.ServiceRecordId, e.ReferralId, e.ProgramId, false)] };

    public EligibilityRecord Apply(ServiceNotReimbursable e) =>
        this with { Deliveries = [.. Deliveries, new Delivery(e.ServiceRecordId, e.ReferralId, null, false)] };

    public EligibilityRecord Apply(ClaimVoided e) =>
        this with { Deliveries = Deliveries.Select(d => d.ServiceRecordId == e.ServiceRecordId ? d with { Voided = true } : d).ToList() };

    private EligibilityRecord WithWindow(Guid id, Func<Window, Window> change) =>
        this with { Windows = Windows.Select(w => w.Id == id ? change(w) : w).ToList() };
}
