using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.EventSourcing.Http;

/// <summary>The one way a command changes a stream: fetch for writing, check access and version, decide, append, commit.</summary>
public static class Streams
{
    /// <summary>
    /// Commits the events <paramref name="decide"/> returns for the current state, in one transaction.
    /// A stream that does not exist and a caller <paramref name="mayWrite"/> refuses look the same (not found), so a
    /// case's existence is never revealed; access is checked before the version for the same reason. The stream is fetched in its
    /// turn (<see cref="Turns.FetchInTurnAsync{TState}"/>): commands on one case that arrive together commit one after the other,
    /// each deciding on what the one before committed; only a stale If-Match is refused (412).
    /// </summary>
    public static async Task<StreamWrite> DecideAsync<TState>(this IDocumentSession session, Guid streamId, long? expectedVersion,
        Func<TState, bool> mayWrite, Func<TState, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where TState : class
    {
        var stream = await session.FetchInTurnAsync<TState>(streamId, cancellationToken);
        if (stream.Aggregate is null || !mayWrite(stream.Aggregate)) return StreamWrite.NotFound;
        var current = stream.CurrentVersion ?? 0;
        if (expectedVersion is { } expected && expected != current) return new StreamWrite(StreamWriteOutcome.VersionMismatch, current);

        var events = decide(stream.Aggregate);
        if (events.Count == 0) return new StreamWrite(StreamWriteOutcome.Written, current);
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        return new StreamWrite(StreamWriteOutcome.Written, current + events.Count);
    }
}

/// <summary>Changes to a stream kept per case (its id is the case id) by a service other than Intake.</summary>
public static class CaseStreams
{
    /// <summary>
    /// As <see cref="Streams.DecideAsync{TState}"/> at the request's If-Match version, for a case this service knows from
    /// its access model: a case it never heard of is not found, <paramref name="mayWrite"/> decides who may change it, and a
    /// closed case takes no change until Intake reopens it.
    /// </summary>
    public static async Task<StreamWrite> ChangeCaseStreamAsync<TState>(this HttpContext http, IDocumentSession session, Guid caseId,
        Func<Caller, CaseAccess, TState, bool> mayWrite, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct) where TState : class
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null) return StreamWrite.NotFound;
        return await session.DecideAsync<TState>(caseId, http.Request.ExpectedVersion(), state => mayWrite(caller, access, state),
            state =>
            {
                ClosedCase.MustBeOpen(access.Closed);
                return decide(state);
            }, ct);
    }
}

public enum StreamWriteOutcome
{
    Written,
    NotFound,
    VersionMismatch,
}

/// <summary>What a write did, and the stream's version after it (or now, on a mismatch).</summary>
public readonly record struct StreamWrite(StreamWriteOutcome Outcome, long Version)
{
    public static readonly StreamWrite NotFound = new(StreamWriteOutcome.NotFound, 0);

    /// <summary>204 with the new ETag, 404, or 412 with the current ETag so the caller can re-read and retry.</summary>
    public Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem> ToHttpResult(HttpResponse response) =>
        ToHttpResult(response, TypedResults.NoContent);

    /// <summary>As <see cref="ToHttpResult(HttpResponse)"/>, answering a successful write with <paramref name="written"/>.</summary>
    public Results<TWritten, NotFound, ProblemHttpResult, ValidationProblem> ToHttpResult<TWritten>(HttpResponse response,
        Func<TWritten> written) where TWritten : IResult
    {
        switch (Outcome)
        {
            case StreamWriteOutcome.NotFound:
                return TypedResults.NotFound();
            case StreamWriteOutcome.VersionMismatch:
                response.SetETag(Version);
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Version mismatch",
                    detail: "The resource changed since the version named in If-Match; read it again and retry with its ETag.");
            default:
                response.SetETag(Version);
                return written();
        }
    }
}
