using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;

namespace Platform.EventSourcing;

/// <summary>
/// Read-check-write sequences on one key take turns: a PostgreSQL advisory lock held by the session's transaction, so the
/// next holder reads what the previous one committed. It ends with the transaction (commit, rollback or a dropped connection).
/// </summary>
public static class Turns
{
    private static readonly ConditionalWeakTable<IDocumentSession, object> Enlisted = [];

    public static async Task TakeTurnAsync(this IDocumentSession session, string key, CancellationToken ct)
    {
        if (!Enlisted.TryGetValue(session, out _)) await session.BeginTransactionAsync(ct);
        await session.QueryAsync<bool>("select true from pg_advisory_xact_lock(hashtextextended(?, 0))", ct, key);
    }

    /// <summary>
    /// Fetches a stream for writing in the stream's turn: every writer of a stream (a command, a consumer, a monitor) fetches it
    /// this way, so the one that arrives while another decides waits for its commit and decides on what it committed, instead
    /// of failing with a concurrency conflict it did nothing to cause. Optimistic concurrency still guards the append.
    /// (Marten's FetchForExclusiveWriting would lock the stream's row, but cannot begin the transaction of a session enlisted in
    /// an Idempotency-Key's transaction.)
    /// </summary>
    public static async Task<IEventStream<TState>> FetchInTurnAsync<TState>(this IDocumentSession session, Guid streamId,
        CancellationToken ct) where TState : class
    {
        await session.TakeTurnAsync($"stream/{streamId}", ct);
        return await session.Events.FetchForWriting<TState>(streamId, ct);
    }

    /// <summary>A session in a transaction someone else owns (a request's Idempotency-Key): it has no transaction of its own to begin.</summary>
    internal static IDocumentSession InTransaction(this IDocumentSession session)
    {
        Enlisted.AddOrUpdate(session, session);
        return session;
    }
}
