using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults;

namespace Platform.Communications.Feed;

/// <summary>A page of the feed; pass <see cref="Next"/> as <c>after</c> to continue where it stopped.</summary>
public sealed record FeedPage(IReadOnlyList<CloudEvent> Items, string Next);

/// <summary>The caller agency's events, in ledger order, filtered by consent when read (see <see cref="FeedReader"/>).</summary>
public static class FeedEndpoint
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;

    public static async Task<Results<Ok<FeedPage>, ValidationProblem>> Handle(HttpContext http, IDocumentSession session, TimeProvider clock,
        long? after = null, int? limit = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors()
            .Must(limit is null or > 0 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit}.")
            .Must(after is null or >= 0, "after", "A cursor from a previous page.");
        if (errors.Any) return errors.ToProblem();

        var (items, cursor) = await FeedReader.ReadAsync(session, http.Caller(), after ?? 0, limit ?? DefaultLimit, clock.GetUtcNow(),
            "feed", ct);
        return TypedResults.Ok(new FeedPage(items.Select(CloudEvent.Of).ToList(),
            cursor.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
