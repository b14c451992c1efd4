namespace Platform.Contracts.Communications;

public enum MessageKind
{
    LegalUpdate,
    MedicalResultAvailable,
    AppointmentChange,
    General,
}

/// <summary>An agency posted a notice on a case (the summary stays in Communications; fetch it from the inbox).</summary>
public sealed record MessagePosted(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid MessageId,
    MessageKind Kind,
    InformationCategory MessageCategory) : IIntegrationEvent
{
    public InformationCategory Category => MessageCategory;
}
