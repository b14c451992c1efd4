using Marten;
using Marten.Services;
using Npgsql;

namespace Platform.EventSourcing.Http;

/// <summary>
/// The one transaction of a request made with an <c>Idempotency-Key</c>: the request's session writes in it without committing,
/// and <see cref="IdempotencyKeys"/> commits it together with the response, so the command and its outcome commit as one.
/// </summary>
internal sealed class IdempotentTransaction : IDocumentSessionListener, IAsyncDisposable
{
    private IdempotentTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Whether the request saved anything: only then is its outcome kept for the key.</summary>
    public bool Saved { get; private set; }

    public static async Task<IdempotentTransaction> BeginAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return new IdempotentTransaction(connection, await connection.BeginTransactionAsync(ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public SessionOptions SessionOptions()
    {
        var options = Marten.Services.SessionOptions.ForTransaction(Transaction, shouldAutoCommit: false);
        options.Listeners.Add(this);
        return options;
    }

    public Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        Saved = true;
        return Task.CompletedTask;
    }

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;

    public void DocumentLoaded(object id, object document)
    {
    }

    public void DocumentAddedForStorage(object id, object document)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
