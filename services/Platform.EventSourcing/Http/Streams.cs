using Marten;

namespace Platform.EventSourcing.Http;

/// <summary>The one way a command changes a stream: fetch for writing, check access and version, decide, append, commit.</summary>
public static class Streams
{
    /// <summary>
    /// Commits the events <paramref name="decide"/> returns for the current state, in one transaction.
    /// Returns the new stream version, or null when the stream does not exist or <paramref name="mayWrite"/>
    /// refuses the caller (both answered 404, so a case's existence is never revealed). Access is checked before
    /// the version, for the same reason. A version other than <paramref name="expectedVersion"/> throws
    /// <see cref="StreamVersionMismatchException"/>.
    /// </summary>
    public static async Task<long?> DecideAsync<TState>(this IDocumentSession session, Guid streamId, long? expectedVersion,
        Func<TState, bool> mayWrite, Func<TState, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where TState : class
    {
        var stream = await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        if (stream.Aggregate is null || !mayWrite(stream.Aggregate)) return null;
        if (expectedVersion is { } expected && expected != stream.CurrentVersion)
            throw new StreamVersionMismatchException(expected, stream.CurrentVersion ?? 0);

        var events = decide(stream.Aggregate);
        if (events.Count == 0) return stream.CurrentVersion;
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        return stream.StartingVersion + events.Count;
    }
}

/// <summary>The caller's If-Match names a version the stream is no longer (or never was) at: 412.</summary>
public sealed class StreamVersionMismatchException(long expected, long actual)
    : Exception($"Expected version {expected}, the stream is at {actual}.")
{
    public long Actual { get; } = actual;
}
