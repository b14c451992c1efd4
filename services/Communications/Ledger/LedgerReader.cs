using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Platform.Contracts;
using Platform.EventSourcing;
using Platform.EventSourcing.Relay;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Communications.Ledger;

/// <summary>
/// Reads the platform ledger queue in batches: one consumer, messages taken in queue order (each case's events are in
/// commit order there, because each service's relay confirms one before publishing the next), written by
/// <see cref="LedgerWriter"/> in one transaction per batch, and acknowledged only after that commit (up to the batch's
/// last delivery, in one ack). A crash before the ack redelivers the batch, and the writer skips what it already has.
/// A message that is not an integration event, or that fails alone five times, is moved to <c>platform-ledger-error</c>.
/// One Communications instance reads the ledger; a second would interleave batches.
/// </summary>
public sealed partial class LedgerReader(IConfiguration configuration, LedgerWriter writer, ILogger<LedgerReader> logger) : BackgroundService
{
    public const string ErrorQueue = LedgerTopology.Queue + "-error";
    private const int MaxBatch = 200;
    private const int Prefetch = 1000;
    private const int Attempts = 5;

    private static readonly JsonSerializerOptions Envelope = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record Delivery(ulong Tag, byte[] Body);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var broker = new Uri(configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is required."));
        var factory = RabbitMqAddress.ConnectionFactory(broker, "communications-ledger");
        // Reconnects at once and then with a back-off of at most a second, started afresh after every connection that
        // lasted: an outage that heals is followed within a second (a back-off kept from an earlier outage cost seconds).
        var first = TimeSpan.FromMilliseconds(100);
        var delay = first;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            try
            {
                await ReadAsync(factory, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The broker went away (or the database refused a batch for too long): unacknowledged messages come back.
                LogReconnecting(logger, e.GetType().Name);
                if (DateTime.UtcNow - started > TimeSpan.FromSeconds(10)) delay = first;
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    private async Task ReadAsync(ConnectionFactory factory, CancellationToken ct)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.ExchangeDeclareAsync(LedgerTopology.Exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(LedgerTopology.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.QueueBindAsync(LedgerTopology.Queue, LedgerTopology.Exchange, routingKey: "", cancellationToken: ct);
        await channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.BasicQosAsync(0, Prefetch, global: false, ct);

        var inbox = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        channel.ChannelShutdownAsync += (_, _) =>
        {
            lost.Cancel();
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            inbox.Writer.TryWrite(new Delivery(delivery.DeliveryTag, delivery.Body.ToArray()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(LedgerTopology.Queue, autoAck: false, consumer, ct);

        var batch = new List<Delivery>(MaxBatch);
        while (true)
        {
            batch.Clear();
            batch.Add(await inbox.Reader.ReadAsync(lost.Token));
            while (batch.Count < MaxBatch && inbox.Reader.TryRead(out var next)) batch.Add(next);

            var events = new List<(Delivery Delivery, LedgerMessage Message)>(batch.Count);
            foreach (var delivery in batch)
            {
                if (Parse(delivery.Body) is { } message) events.Add((delivery, message));
                else await MoveToErrorQueueAsync(channel, delivery, "not an integration event", lost.Token);
            }
            await WriteAsync(channel, events, lost.Token);
            await channel.BasicAckAsync(batch[^1].Tag, multiple: true, lost.Token);
        }
    }

    /// <summary>The batch in one transaction, retried; if it keeps failing, one event at a time, so only a bad one is set aside.</summary>
    private async Task WriteAsync(IChannel channel, List<(Delivery Delivery, LedgerMessage Message)> events, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await writer.WriteAsync(events.Select(e => e.Message).ToList(), ct);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt < Attempts)
            {
                LogBatchFailed(logger, events.Count, attempt, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested && events.Count > 1)
            {
                break;
            }
        }
        foreach (var (delivery, message) in events)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await writer.WriteAsync([message], ct);
                    break;
                }
                catch (Exception e) when (!ct.IsCancellationRequested && attempt < Attempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), ct);
                    LogBatchFailed(logger, 1, attempt, e.GetType().Name);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    await MoveToErrorQueueAsync(channel, delivery, e.GetType().Name, ct);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The integration event inside a MassTransit envelope, by the first message type the platform knows, with the trace
    /// context the relay put in its headers.
    /// </summary>
    public static LedgerMessage? Parse(byte[] body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (!envelope.RootElement.TryGetProperty("messageType", out var types) || !envelope.RootElement.TryGetProperty("message", out var message))
                return null;
            foreach (var urn in types.EnumerateArray())
                if (urn.GetString() is { } name && LedgerNames.ByUrn.TryGetValue(name, out var type)
                    && message.Deserialize(type, Envelope) is IIntegrationEvent parsed)
                    return new LedgerMessage(parsed, TraceParentOf(envelope.RootElement));
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TraceParentOf(JsonElement envelope) =>
        envelope.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
        && headers.TryGetProperty(MessageHeaders.TraceParent, out var trace) && trace.ValueKind == JsonValueKind.String
            ? trace.GetString()
            : null;

    private async Task MoveToErrorQueueAsync(IChannel channel, Delivery delivery, string reason, CancellationToken ct)
    {
        LogSetAside(logger, delivery.Tag, reason);
        var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["platform-error"] = reason } };
        await channel.BasicPublishAsync("", ErrorQueue, mandatory: false, properties, delivery.Body, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger: connection lost ({Error}); reconnecting, unacknowledged messages come back")]
    private static partial void LogReconnecting(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger: a batch of {Count} failed (attempt {Attempt}) with {Error}")]
    private static partial void LogBatchFailed(ILogger logger, int count, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger: delivery {Tag} set aside in platform-ledger-error: {Reason}")]
    private static partial void LogSetAside(ILogger logger, ulong tag, string reason);
}
