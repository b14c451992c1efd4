using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.EventSourcing;

/// <summary>
/// Lightweight sessions that stamp every appended event with the request's correlation id, the caller's
/// agency and user id, and the trace it belongs to, so history, audit and the relay's traces need no extra work.
/// </summary>
internal sealed class PlatformSessionFactory(IDocumentStore store, IHttpContextAccessor accessor) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var keyed = accessor.HttpContext?.Features.Get<IdempotentTransaction>();
        var session = keyed is null ? store.LightweightSession() : store.LightweightSession(keyed.SessionOptions()).InTransaction();
        if (accessor.HttpContext is { } context)
        {
            session.CorrelationId = context.CorrelationId();
            if (context.User.FindFirst(Caller.AgencyClaim)?.Value is { } agency)
                session.SetHeader(EventHeaders.Agency, agency);
            session.LastModifiedBy = context.User.FindFirst(Caller.SubjectClaim)?.Value;
        }
        session.StampTrace();
        return session;
    }
}

public static class SessionTracing
{
    /// <summary>Records the current trace on events appended in this session, so the relay can continue it.</summary>
    public static void StampTrace(this IDocumentSession session)
    {
        if (Activity.Current is not { } activity) return;
        session.SetHeader(EventHeaders.TraceParent, activity.Id!);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
            session.SetHeader(EventHeaders.TraceState, activity.TraceStateString);
    }
}
