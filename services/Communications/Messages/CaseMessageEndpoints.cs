using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Communications;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Communications.Messages;

public sealed record PostMessageRequest(MessageKind? Kind, InformationCategory? Category, string? Summary);

public sealed record InboxItem(Guid Id, Guid CaseId, string FromAgencyId, MessageKind Kind, InformationCategory Category, string Summary,
    DateTimeOffset PostedAt, DateTimeOffset? ReadAt, IReadOnlyList<ReadReceipt> ReadBy);

/// <summary>
/// Case messages: an agency that may see a category of a case posts a short notice in it; it reaches every agency
/// entitled to that category (the lead always), and each reader's receipt is on record.
/// </summary>
public static class CaseMessageEndpoints
{
    private const int MaxSummary = 280;

    public static async Task<Results<Created<InboxItem>, NotFound, ValidationProblem>> Post(Guid caseId, PostMessageRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.Kind, "kind")
            .Required(request.Category, "category")
            .Required(request.Summary, "summary")
            .Must(request.Summary is null || request.Summary.Length <= MaxSummary, "summary",
                $"At most {MaxSummary} characters: a notice that something changed, not the content.");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null || !access.MaySee(caller, request.Category!.Value, now)) return TypedResults.NotFound();

        var posted = new CaseMessagePosted(Guid.CreateVersion7(), caseId, caller.AgencyId, request.Kind!.Value, request.Category!.Value,
            request.Summary!, now);
        session.Events.StartStream<CaseMessage>(posted.MessageId, posted);
        await session.SaveChangesAsync(ct);
        http.Response.SetETag(1);
        return TypedResults.Created($"/api/communications/inbox/{posted.MessageId}", ItemOf(CaseMessage.Create(posted), caller));
    }

    /// <summary>The messages of every case the caller's agency may see in their category, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<InboxItem>>> Inbox(HttpContext http, IQuerySession session, TimeProvider clock,
        bool unreadOnly = false, CancellationToken ct = default)
    {
        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var cases = await session.Query<CaseAccess>()
            .Where(a => a.LeadAgencyId == caller.AgencyId || a.Team.Contains(caller.AgencyId)).ToListAsync(ct);
        var byCase = cases.ToDictionary(a => a.Id);
        var ids = byCase.Keys.ToArray();
        var messages = ids.Length == 0 ? [] : await session.Query<CaseMessage>().Where(m => ids.Contains(m.CaseId))
            .OrderByDescending(m => m.PostedAt).Take(500).ToListAsync(ct);
        IReadOnlyList<InboxItem> items = messages
            .Where(m => byCase[m.CaseId].MaySee(caller, m.Category, now))
            .Select(m => ItemOf(m, caller))
            .Where(i => !unreadOnly || i.ReadAt is null)
            .ToList();
        return TypedResults.Ok(items);
    }

    /// <summary>Records the caller agency's read receipt (once per agency).</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> MarkRead(Guid messageId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var message = await session.LoadAsync<CaseMessage>(messageId, ct);
        var access = message is null ? null : await session.LoadCaseAccessAsync(message.CaseId, ct);
        if (message is null || access is null || !access.MaySee(caller, message.Category, now)) return TypedResults.NotFound();

        var write = await session.DecideAsync<CaseMessage>(messageId, null, _ => true,
            m => m.ReadBy.Any(r => r.AgencyId == caller.AgencyId) ? [] : [new CaseMessageRead(caller.AgencyId, caller.UserId, now)], ct);
        return write.ToHttpResult(http.Response);
    }

    private static InboxItem ItemOf(CaseMessage m, Caller caller) =>
        new(m.Id, m.CaseId, m.FromAgencyId, m.Kind, m.Category, m.Summary, m.PostedAt,
            m.ReadBy.FirstOrDefault(r => r.AgencyId == caller.AgencyId)?.ReadAt, m.ReadBy);
}
