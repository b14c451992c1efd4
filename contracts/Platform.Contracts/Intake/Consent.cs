namespace Platform.Contracts.Intake;

/// <summary>Who gave consent: the client, or for a minor a guardian (never an alleged trafficker).</summary>
public enum ConsentGiver
{
    Client,
    Guardian,
}

/// <summary>
/// The client consented to one agency seeing the named categories of the case until <see cref="ExpiresAt"/>.
/// Every service keeps its case access model from this and the events below.
/// </summary>
public sealed record ConsentGranted(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ConsentId,
    string AgencyId,
    IReadOnlyList<InformationCategory> Categories,
    DateTimeOffset ExpiresAt,
    ConsentGiver GivenBy) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>The client withdrew a consent; it ends at once.</summary>
public sealed record ConsentRevoked(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ConsentId,
    string AgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>A consent reached its expiry date.</summary>
public sealed record ConsentExpired(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ConsentId,
    string AgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}
