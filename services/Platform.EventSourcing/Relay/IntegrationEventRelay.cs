using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Contracts;

namespace Platform.EventSourcing.Relay;

/// <summary>
/// Publishes every committed domain event that has an integration counterpart to RabbitMQ, in commit order
/// per case. Marten stores the relay's progress only after a page returns, so a crash or a broker outage
/// replays from the last page that fully succeeded; the message id is the event id, so consumers drop repeats.
/// Cases in a page are published concurrently; each case's events strictly one after another.
/// </summary>
public sealed partial class IntegrationEventRelay : SubscriptionBase
{
    public const string SubscriptionName = "integration-event-relay";
    private readonly IntegrationEventMap map;
    private readonly IBus publisher;
    private readonly RelayOptions options;
    private readonly ILogger<IntegrationEventRelay> logger;
    private readonly LedgerTopology ledger;

    public IntegrationEventRelay(IntegrationEventMap map, IBus publisher, RelayOptions options, LedgerTopology ledger,
        ILogger<IntegrationEventRelay> logger)
    {
        this.ledger = ledger;
        this.map = map;
        this.publisher = publisher;
        this.options = options;
        this.logger = logger;
        Name = SubscriptionName;
        Options.BatchSize = options.PageSize;
        // With Marten's default hopper every high-water advance becomes its own small page, each paying the load,
        // confirm and progress commit; one page in flight lets the next one take everything committed meanwhile.
        Options.MaximumHopperSize = options.PagesInFlight;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var byCase = page.Events
            .Select(e => (Event: e, Message: map.Translate(e)))
            .Where(x => x.Message is not null)
            .GroupBy(x => x.Event.StreamId)
            .ToList();
        if (byCase.Count == 0) return NullChangeListener.Instance;

        await ledger.Declared.WaitAsync(cancellationToken);
        await Parallel.ForEachAsync(byCase,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentCases, CancellationToken = cancellationToken },
            async (caseEvents, ct) =>
            {
                foreach (var (e, message) in caseEvents)
                    await PublishUntilConfirmedAsync(e, message!, ct);
            });

        return NullChangeListener.Instance;
    }

    /// <summary>Retries until the broker confirms: an outage holds the relay back instead of losing events.</summary>
    private async Task PublishUntilConfirmedAsync(IEvent e, IIntegrationEvent message, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(e);
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConfirmTimeout);
            try
            {
                await publisher.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context =>
                {
                    context.MessageId = e.Id;
                    context.Headers.Set(MessageHeaders.CaseId, e.StreamId.ToString());
                    if (e.CorrelationId is { } correlationId) context.Headers.Set(MessageHeaders.Correlation, correlationId);
                    if ((activity?.Id ?? e.GetHeader(EventHeaders.TraceParent)?.ToString()) is { } trace)
                        context.Headers.Set(MessageHeaders.TraceParent, trace);
                }), timeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, e.EventTypeName, e.Sequence, attempt, ex.GetType().Name);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Continues the trace of the request that appended the event.</summary>
    private static Activity? StartActivity(IEvent e)
    {
        var activity = Tracing.Continue($"relay {e.EventTypeName}", ActivityKind.Producer,
            e.GetHeader(EventHeaders.TraceParent)?.ToString(), e.GetHeader(EventHeaders.TraceState)?.ToString());
        activity?.SetTag("platform.event.sequence", e.Sequence);
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Publishing {EventType} (sequence {Sequence}) failed on attempt {Attempt} with {Error}; retrying")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, long sequence, int attempt, string error);
}

/// <summary>Tuning of the relay; the defaults suit a 2-core machine.</summary>
public sealed class RelayOptions
{
    public int MaxConcurrentCases { get; set; } = 64;
    public int PageSize { get; set; } = 500;
    public int PagesInFlight { get; set; } = 1;
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
