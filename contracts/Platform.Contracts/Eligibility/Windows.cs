namespace Platform.Contracts.Eligibility;

/// <summary>The client's window in a program opened: which program, what opened it, from when to when. No letter reference travels.</summary>
public sealed record EnrolledInProgram(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, bool PerCapita, WindowTrigger OpenedBy, DateOnly StartsOn, DateOnly EndsOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A certification, interim assistance or eligibility letter was recorded: its kind and date (its number stays in Eligibility).</summary>
public sealed record CertificationRecorded(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid LetterId,
    LetterKind Kind, DateOnly LetterDate) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A window reached one of its warning thresholds (30, 14, 7 days by default); raised once per threshold and end date.</summary>
public sealed record EligibilityExpiring(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, int ThresholdDays, DateOnly EndsOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A window ended (its last day was <paramref name="EndedOn"/>); raised once per end date.</summary>
public sealed record EligibilityExpired(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, DateOnly EndedOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A window was extended by <paramref name="Days"/> to a new last day; its thresholds are armed again.</summary>
public sealed record ExtensionGranted(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, int Days, DateOnly EndsOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A renewable benefit is due for renewal (its notice period before the end began); raised once per period.</summary>
public sealed record RenewalDue(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, DateOnly EndsOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A renewable benefit was renewed for another period, to a new last day.</summary>
public sealed record EligibilityRenewed(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, DateOnly EndsOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A window closed before its end (a certification supersedes pre-certification services).</summary>
public sealed record EligibilityWindowClosed(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid WindowId,
    string ProgramId, WindowClosedReason Reason, DateOnly ClosedOn) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}
