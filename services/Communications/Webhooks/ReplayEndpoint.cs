using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Subscriptions;
using Platform.ServiceDefaults;

namespace Platform.Communications.Webhooks;

public sealed record ReplayRequest(long? FromSequence);

public static class ReplayEndpoint
{
    /// <summary>
    /// Sends again every delivery from a sequence on (delivered or dead-lettered), with the same webhook-ids and sequence
    /// numbers, before anything new; consent is decided again when each is sent, as for any delivery.
    /// </summary>
    public static async Task<Results<Accepted, NotFound, ValidationProblem>> Handle(Guid id, ReplayRequest request, HttpContext http,
        IDocumentSession session, CancellationToken ct)
    {
        var errors = new FieldErrors().Must(request.FromSequence is >= 1, "fromSequence", "A sequence number from 1 on.");
        if (errors.Any) return errors.ToProblem();

        var subscription = await session.LoadAsync<Subscription>(id, ct);
        if (subscription is null || !subscription.IsOwnedBy(http.Caller()))
            return TypedResults.NotFound();
        var from = request.FromSequence!.Value;
        var sent = await session.Query<DeliveryAttempt>()
            .Where(a => a.SubscriptionId == id && a.Sequence >= from && (a.Outcome == "delivered" || a.Outcome == "dead-letter"))
            .ToListAsync(ct);
        if (sent.Count == 0)
            return new FieldErrors().Add("fromSequence", "Nothing was delivered from that sequence on.").ToProblem();

        foreach (var delivery in sent.DistinctBy(a => a.Sequence))
            session.Store(new PendingDelivery(PendingDelivery.IdFor(id, delivery.LedgerPosition), id, delivery.LedgerPosition, delivery.Sequence));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/communications/subscriptions/{id}/deliveries");
    }
}
