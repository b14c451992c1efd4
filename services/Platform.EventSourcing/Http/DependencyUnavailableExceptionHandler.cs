using System.Net.Sockets;
using MassTransit;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Platform.ServiceDefaults;
using RabbitMQ.Client.Exceptions;

namespace Platform.EventSourcing.Http;

/// <summary>
/// PostgreSQL or RabbitMQ unreachable, restarting, refusing connections or timing out (whatever Marten, Npgsql or
/// MassTransit wrapped it in) is 503 with Retry-After, never 500: the request's transaction did not commit, or
/// committed whole, so a retry is safe.
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted || Unavailable(exception) is not { } what) return false;
        context.Response.Clear();
        await ServiceUnavailable.WriteAsync(context, $"{what} is not available at the moment.");
        return true;
    }

    /// <summary>The dependency that failed, or null when the exception is not an outage.</summary>
    internal static string? Unavailable(Exception exception)
    {
        foreach (var e in Chain(exception))
            switch (e)
            {
                case PostgresException postgres when IsOutage(postgres.SqlState):
                    return "The database";
                case PostgresException:
                    return null;
                case NpgsqlException:
                    return "The database";
                case BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException
                    or RabbitMqConnectionException or MassTransit.RequestTimeoutException:
                    return "The message broker";
                case SocketException or TimeoutException:
                    return "A dependency of the service";
            }
        return null;
    }

    // Class 08 connection exception, 53 insufficient resources, 57P operator intervention (shutdown, crash, cannot connect now);
    // and contention that a retry resolves: 40001 serialization failure, 40P01 deadlock, 55P03 lock not available (lock timeout).
    private static bool IsOutage(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57P", StringComparison.Ordinal) || sqlState is "40001" or "40P01" or "55P03";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        for (var seen = 0; pending.Count > 0 && seen < 32; seen++)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }
}
