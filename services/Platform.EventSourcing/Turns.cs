using System.Runtime.CompilerServices;
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

    /// <summary>A session in a transaction someone else owns (a request's Idempotency-Key): it has no transaction of its own to begin.</summary>
    internal static IDocumentSession InTransaction(this IDocumentSession session)
    {
        Enlisted.AddOrUpdate(session, session);
        return session;
    }
}
