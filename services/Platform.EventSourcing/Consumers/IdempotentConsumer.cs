using System.Runtime.CompilerServices;
using Marten;
using JasperFx;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

namespace Platform.EventSourcing.Consumers;

/// <summary>
/// Applies each integration event once: the message id is recorded in the same Marten transaction as the
/// consumer's own writes, so a redelivery (after a crash, a relay replay or a broker requeue) is skipped.
/// A consumer never publishes; what it appends is relayed by its own service's relay.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var processedId = ProcessedMessage.IdFor(GetType(), messageId);

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ProcessedMessage>(processedId, context.CancellationToken) is not null) return;

        session.CorrelationId = context.Headers.Get<string>(MessageHeaders.Correlation);
        session.CausationId = messageId.ToString();
        session.SetHeader(EventHeaders.Agency, context.Message.Actor.AgencyId);
        session.LastModifiedBy = context.Message.Actor.UserId;
        session.StampTrace();

        await ApplyAsync(context.Message, session, context.CancellationToken);
        session.Insert(new ProcessedMessage(processedId, DateTimeOffset.UtcNow));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // A concurrent delivery of the same message committed first; this transaction rolled back whole.
        }
    }

    /// <summary>The consumer's own changes, made in <paramref name="session"/> and not yet saved.</summary>
    protected abstract Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken);
}

/// <summary>
/// Registers an idempotent consumer so that each case's messages are handled one at a time, in delivery order,
/// across every message type of the service (one partitioner shared by all its consumers). Retries run inside the
/// partition, so a message being retried still holds back the later messages of its case.
/// </summary>
public class IdempotentConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : IdempotentConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var partitioner = context.GetRequiredService<CasePartitions>().For(endpointConfigurator);
        consumerConfigurator.Message<TMessage>(m => m.UsePartitioner(partitioner, c => c.Message.CaseId));
        consumerConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000, 10000));
    }
}

/// <summary>The partitions a service's consumers share on their endpoint: the same case always lands in the same one.</summary>
public sealed class CasePartitions
{
    public const int Count = 16;

    private readonly ConditionalWeakTable<IReceiveEndpointConfigurator, IPartitioner> _byEndpoint = new();

    public IPartitioner For(IReceiveEndpointConfigurator endpoint) =>
        _byEndpoint.GetValue(endpoint, e => e.CreatePartitioner(Count));
}
