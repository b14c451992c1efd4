namespace Platform.Contracts;

/// <summary>
/// What every integration event carries. Events say that something changed and where to look;
/// they never carry personally identifying information.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The id of the domain event this was published from; also the message id.</summary>
    Guid EventId { get; }

    Guid CaseId { get; }

    /// <summary>Version of the case stream in its owning service after this event.</summary>
    long CaseVersion { get; }

    DateTimeOffset OccurredAt { get; }

    Actor Actor { get; }

    InformationCategory Category { get; }
}
