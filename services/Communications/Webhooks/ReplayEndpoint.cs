using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Subscriptions;
using Platform.ServiceDefaults;

namespace Platform.Communications.Webhooks;

public sealed record ReplayRequest(long? FromSequence);

public static class ReplayEndpoint
{
    /// <summary>
    /// Sends again everything from a sequence on: the subscription's loop takes the request up before its next batch,
    /// moves its cursor back to just before that delivery, and the events go out again with the same sequence numbers
    /// (consent is checked again, as for any delivery).
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
        var first = await session.Query<DeliveryAttempt>().Where(a => a.SubscriptionId == id && a.Sequence >= from)
            .OrderBy(a => a.Sequence).FirstOrDefaultAsync(ct);
        if (first is null)
            return new FieldErrors().Add("fromSequence", "Nothing was delivered from that sequence on.").ToProblem();

        session.Store(new PendingReplay(id, first.LedgerPosition - 1, from - 1));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/communications/subscriptions/{id}/deliveries");
    }
}
