using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Subscriptions;
using Platform.ServiceDefaults;

namespace Platform.Communications.Webhooks;

public static class DeliveriesEndpoint
{
    /// <summary>The latest delivery attempts of a subscription and their outcomes (delivered, failed, dead-letter, gone).</summary>
    public static async Task<Results<Ok<IReadOnlyList<DeliveryAttempt>>, NotFound>> Handle(Guid id, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        var subscription = await session.LoadAsync<Subscription>(id, ct);
        if (subscription is null || !subscription.IsOwnedBy(http.Caller()))
            return TypedResults.NotFound();
        var attempts = await session.Query<DeliveryAttempt>().Where(a => a.SubscriptionId == id)
            .OrderByDescending(a => a.At).Take(500).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DeliveryAttempt>>(attempts);
    }
}
