using Platform.Communications.Disclosures;
using Platform.Communications.Feed;
using Platform.Communications.Messages;
using Platform.Communications.Notifications;
using Platform.Communications.Subscriptions;
using Platform.Communications.Webhooks;
using Platform.Communications.Timeline;
using Platform.ServiceDefaults;

namespace Platform.Communications;

/// <summary>Communications' HTTP API, all under <c>/api/communications</c>.</summary>
public static class CommunicationsApi
{
    public static WebApplication MapCommunicationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/communications").RequireAuthorization(PlatformPolicies.AnyRole);

        api.MapGet("/feed", FeedEndpoint.Handle)
            .WithTags("Feed")
            .WithName("GetFeed")
            .WithSummary("The caller agency's events as CloudEvents, in ledger order, filtered by consent; resume with after=next.");
        api.MapGet("/cases/{caseId:guid}/timeline", TimelineEndpoint.Handle)
            .WithTags("Timeline")
            .WithName("GetCaseTimeline")
            .WithSummary("Every integration event of the case across all services (lead agency and administrators).");
        api.MapGet("/feed/stream", FeedStreamEndpoint.Handle)
            .WithTags("Feed")
            .WithName("StreamFeed")
            .WithSummary("The feed as server-sent events, resumable with Last-Event-ID, with heartbeats.");
        api.MapGet("/cases/{caseId:guid}/disclosures", DisclosuresEndpoint.Handle)
            .WithTags("Disclosures")
            .WithName("GetCaseDisclosures")
            .WithSummary("Every delivery and every read of the case's data (lead agency and administrators).");
        api.MapGet("/audit/verify", AuditEndpoint.Verify)
            .RequireAuthorization(PlatformPolicies.Administration)
            .WithTags("Disclosures")
            .WithName("VerifyDisclosureLog")
            .WithSummary("Walk the disclosure log's hash chain and report the first broken link, if any (administrators).");
        var subscriptions = api.MapGroup("/subscriptions").WithTags("Subscriptions");
        subscriptions.MapPost("/", SubscriptionEndpoints.Create).WithName("CreateSubscription")
            .WithSummary("Register a webhook endpoint (https, public) for the agency; the answer carries its whsec_ secret once.");
        subscriptions.MapGet("/", SubscriptionEndpoints.List).WithName("ListSubscriptions");
        subscriptions.MapGet("/{id:guid}", SubscriptionEndpoints.Get).WithName("GetSubscription");
        subscriptions.MapDelete("/{id:guid}", SubscriptionEndpoints.Delete).WithName("DeleteSubscription");
        subscriptions.MapPost("/{id:guid}/pause", SubscriptionEndpoints.Pause).WithName("PauseSubscription");
        subscriptions.MapPost("/{id:guid}/resume", SubscriptionEndpoints.Resume).WithName("ResumeSubscription");
        subscriptions.MapPost("/{id:guid}/secret/rotation", SubscriptionEndpoints.RotateSecret).WithName("RotateSubscriptionSecret")
            .WithSummary("A new secret; the previous one stays valid during the overlap, when deliveries carry both signatures.");
        subscriptions.MapGet("/{id:guid}/deliveries", DeliveriesEndpoint.Handle).WithName("ListDeliveries")
            .WithSummary("The subscription's delivery attempts and their outcomes.");
        api.MapPost("/cases/{caseId:guid}/messages", CaseMessageEndpoints.Post).WithTags("Messages").WithName("PostCaseMessage")
            .WithSummary("Post a short notice on a case (legal-update, medical-result-available, appointment-change, general).");
        api.MapGet("/inbox", CaseMessageEndpoints.Inbox).WithTags("Messages").WithName("GetInbox")
            .WithSummary("The case messages the caller's agency may see, newest first (unreadOnly=true for the unread).");
        api.MapPost("/inbox/{messageId:guid}/read", CaseMessageEndpoints.MarkRead).WithTags("Messages").WithName("MarkMessageRead")
            .WithSummary("Record the agency's read receipt.");
        subscriptions.MapPost("/{id:guid}/replay", ReplayEndpoint.Handle).WithName("ReplayDeliveries")
            .WithSummary("Send again every delivery from a sequence on.");
        api.MapGet("/notifications", NotificationsEndpoint.Handle).WithTags("Notifications").WithName("GetNotifications")
            .WithSummary("The agency's notifications (crisis: urgent, at once); mine=true for those addressed to the caller.");
        return app;
    }
}
