using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EventSourcing;

namespace Platform.Benchmarks;

/// <summary>
/// Where the run's RabbitMQ traffic goes. By default a temporary virtual host on the same broker (deleted at the end,
/// queues, exchanges and ledger copies with it): a shared vhost's leftover test queues stay bound to the Intake
/// exchanges, and every relay publish would be persisted into each of them too. With --shared-vhost the given vhost
/// is used as it is, and the report says what else was bound there.
/// </summary>
public sealed class BrokerScope
{
    public required Uri Amqp { get; init; }
    public required string VirtualHost { get; init; }
    public bool Temporary { get; init; }
    public required string Description { get; init; }

    public static async Task<BrokerScope> OpenAsync(BenchOptions options, string runId, Action<string> progress)
    {
        var shared = RabbitMqAddress.VirtualHost(options.RabbitMq);
        if (!options.SharedVirtualHost)
        {
            var vhost = $"bench-{runId}";
            try
            {
                using var http = Cleanup.Management(options);
                var user = Uri.UnescapeDataString(options.RabbitMq.UserInfo.Split(':', 2)[0]);
                (await http.PutAsJsonAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}", new { description = "relay benchmark, temporary" }))
                    .EnsureSuccessStatusCode();
                (await http.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(user)}",
                    new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
                var builder = new UriBuilder(options.RabbitMq) { Path = "/" + Uri.EscapeDataString(vhost) };
                progress($"RabbitMQ: temporary vhost {vhost}");
                return new BrokerScope
                {
                    Amqp = builder.Uri, VirtualHost = vhost, Temporary = true,
                    Description = $"temporary vhost `{vhost}` on the broker of `{shared}` (deleted after the run)",
                };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"warning: could not create a temporary vhost ({e.Message}); using vhost {shared} as it is");
            }
        }
        return new BrokerScope
        {
            Amqp = options.RabbitMq, VirtualHost = shared, Temporary = false,
            Description = $"shared vhost `{shared}`{await DescribeOthersAsync(options, shared)}",
        };
    }

    /// <summary>The queues already in a shared vhost: each one bound to the Intake exchanges gets a persisted copy of every event.</summary>
    private static async Task<string> DescribeOthersAsync(BenchOptions options, string vhost)
    {
        try
        {
            using var http = Cleanup.Management(options);
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(vhost)}?columns=name,messages,consumers"));
            var queues = doc.RootElement.EnumerateArray().ToList();
            var messages = queues.Sum(q => q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0);
            var idle = queues.Count(q => q.TryGetProperty("consumers", out var c) && c.ValueKind == JsonValueKind.Number && c.GetInt32() == 0);
            return $" holding {queues.Count} other queues ({idle} without consumers, {messages} messages) at the start";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return "";
        }
    }

    public async Task CloseAsync(BenchOptions options, string consumerQueue, Action<string> progress)
    {
        try
        {
            using var http = Cleanup.Management(options);
            var vhost = Uri.EscapeDataString(VirtualHost);
            if (Temporary)
            {
                using var response = await http.DeleteAsync($"api/vhosts/{vhost}");
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                    Console.Error.WriteLine($"warning: deleting vhost {VirtualHost}: {(int)response.StatusCode}");
                else progress($"deleted vhost {VirtualHost}");
                return;
            }
            foreach (var kind in new[] { "queues", "exchanges" })
            {
                using var response = await http.DeleteAsync($"api/{kind}/{vhost}/{Uri.EscapeDataString(consumerQueue)}");
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                    Console.Error.WriteLine($"warning: deleting {kind} {consumerQueue}: {(int)response.StatusCode}");
            }
            progress($"deleted queue and exchange {consumerQueue} (the run's copies in {LedgerTopologyQueue} stay until the next test run purges it)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"warning: could not clean up RabbitMQ ({e.Message}); the benchmark queue expires 10 minutes after the run");
        }
    }

    private const string LedgerTopologyQueue = Platform.EventSourcing.Relay.LedgerTopology.Queue;
}
