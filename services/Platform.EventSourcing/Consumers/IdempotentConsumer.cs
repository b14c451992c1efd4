using Marten;
using JasperFx;
using MassTransit;
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
