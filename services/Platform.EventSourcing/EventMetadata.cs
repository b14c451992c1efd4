using JasperFx.Events;
using Platform.Contracts;

namespace Platform.EventSourcing;

/// <summary>
/// What the platform records beside every domain event: who appended it (agency in a header, user id as Marten's
/// user name), for which request (correlation id) and under which trace (traceparent header).
/// </summary>
public static class EventHeaders
{
    public const string Agency = "agency";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}

/// <summary>The envelope of one committed domain event, as the relay maps it into an integration event.</summary>
public sealed record EventMetadata(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor)
{
    public static EventMetadata Of(IEvent e) =>
        new(e.Id, e.StreamId, e.Version, e.Timestamp, ActorOf(e));

    public static Actor ActorOf(IEvent e) =>
        new(e.GetHeader(EventHeaders.Agency)?.ToString() ?? "platform", e.UserName ?? "system");
}
