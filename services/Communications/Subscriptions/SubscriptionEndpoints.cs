using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Feed;
using Platform.Communications.Webhooks;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Communications.Subscriptions;

public sealed record CreateSubscriptionRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

public sealed record SubscriptionView(Guid Id, string Url, IReadOnlyList<string>? EventTypes, string? Description,
    SubscriptionStatus Status, DateTimeOffset CreatedAt, string? Secret = null)
{
    public static SubscriptionView Of(Subscription s, string? secret = null) =>
        new(s.Id, s.Url, s.EventTypes, s.Description, s.Status, s.CreatedAt, secret);
}

/// <summary>An agency's webhook subscriptions; another agency's are answered 404.</summary>
public static class SubscriptionEndpoints
{
    private const int MaxDescription = 200;
    private const int MaxEventTypes = 100;

    public static async Task<Results<Created<SubscriptionView>, ValidationProblem>> Create(CreateSubscriptionRequest request,
        HttpContext http, IDocumentSession session, SafeUrls safeUrls, TimeProvider clock, CancellationToken ct)
    {
        var refusal = request.Url is null ? "This field is required." : await safeUrls.RefusalAsync(request.Url, ct);
        var errors = new FieldErrors()
            .Must(refusal is null, "url", refusal ?? "")
            .Must(request.EventTypes is null || (request.EventTypes.Count is > 0 and <= MaxEventTypes
                && request.EventTypes.All(t => t.StartsWith("platform.", StringComparison.Ordinal))), "eventTypes",
                "Omit it for every event, or list event types such as platform.intake.crisis-reported.")
            .Must(request.Description is null || request.Description.Length <= MaxDescription, "description",
                $"At most {MaxDescription} characters.");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        var created = new SubscriptionCreated(Guid.CreateVersion7(), caller.AgencyId, caller.IsAdministrator, request.Url!,
            request.EventTypes, request.Description, clock.GetUtcNow());
        var secret = SubscriptionSecrets.NewSecret();
        session.Events.StartStream<Subscription>(created.SubscriptionId, created);
        session.Store(new SubscriptionSecrets(created.SubscriptionId, secret, null, null));
        // Deliveries start with what happens from now on (the feed and replay give the past).
        var end = await FeedReader.EndAsync(session, ct);
        session.Store(new FanOutPosition(created.SubscriptionId, end) { From = end });
        await session.SaveChangesAsync(ct);

        http.Response.SetETag(1);
        return TypedResults.Created($"/api/communications/subscriptions/{created.SubscriptionId}",
            SubscriptionView.Of(Subscription.Create(created), secret));
    }

    public static async Task<Ok<IReadOnlyList<SubscriptionView>>> List(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var agency = http.Caller().AgencyId;
        var subscriptions = await session.Query<Subscription>()
            .Where(s => s.AgencyId == agency && s.Status != SubscriptionStatus.Deleted).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<SubscriptionView>>(subscriptions.Select(s => SubscriptionView.Of(s)).ToList());
    }

    public static async Task<Results<Ok<SubscriptionView>, NotFound>> Get(Guid id, HttpContext http, IQuerySession session,
        CancellationToken ct) =>
        await session.LoadAsync<Subscription>(id, ct) is { } s && s.IsOwnedBy(http.Caller())
            ? TypedResults.Ok(SubscriptionView.Of(s))
            : TypedResults.NotFound();

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Pause(Guid id, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, http, session, s => s.Status == SubscriptionStatus.Active ? [new SubscriptionPaused(clock.GetUtcNow())] : [], ct);

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Resume(Guid id, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, http, session, s => s.Status != SubscriptionStatus.Active ? [new SubscriptionResumed(clock.GetUtcNow())] : [], ct);

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Delete(Guid id, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, http, session, _ => [new SubscriptionDeleted(clock.GetUtcNow())], ct);

    /// <summary>A new secret; the previous one keeps working for <c>Webhooks:SecretOverlapHours</c> (24).</summary>
    public static async Task<Results<Ok<SubscriptionView>, NotFound>> RotateSecret(Guid id, HttpContext http, IDocumentSession session,
        TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await session.LoadAsync<SubscriptionSecrets>(id, ct) is not { } secrets) return TypedResults.NotFound();

        // Stored with the rotation event, in one commit, or not at all.
        var secret = SubscriptionSecrets.NewSecret();
        session.Store(new SubscriptionSecrets(id, secret, secrets.Current,
            now.AddHours(configuration.GetValue("Webhooks:SecretOverlapHours", 24.0))));
        var write = await session.DecideAsync<Subscription>(id, http.Request.ExpectedVersion(), s => s.IsOwnedBy(http.Caller()),
            _ => [new SubscriptionSecretRotated(now)], ct);
        if (write.Outcome != StreamWriteOutcome.Written) return TypedResults.NotFound();

        var subscription = await session.LoadAsync<Subscription>(id, ct);
        return TypedResults.Ok(SubscriptionView.Of(subscription!, secret));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> ChangeAsync(Guid id, HttpContext http,
        IDocumentSession session, Func<Subscription, IReadOnlyList<object>> decide, CancellationToken ct) =>
        (await session.DecideAsync(id, http.Request.ExpectedVersion(), (Subscription s) => s.IsOwnedBy(http.Caller()), decide, ct)).ToHttpResult(http.Response);
}
