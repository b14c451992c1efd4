using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults;

namespace Platform.Communications.Notifications;

public static class NotificationsEndpoint
{
    /// <summary>The caller agency's notifications, urgent first then newest; <c>mine=true</c> keeps those addressed to the caller.</summary>
    public static async Task<Ok<IReadOnlyList<Notification>>> Handle(HttpContext http, IQuerySession session, bool mine = false,
        CancellationToken ct = default)
    {
        var caller = http.Caller();
        var query = session.Query<Notification>().Where(n => n.AgencyId == caller.AgencyId);
        if (mine) query = query.Where(n => n.UserId == caller.UserId);
        var items = await query.OrderByDescending(n => n.RaisedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<Notification>>(items.OrderByDescending(n => n.Urgency).ThenByDescending(n => n.RaisedAt).ToList());
    }
}
