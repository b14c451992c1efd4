using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Disclosure;

namespace Platform.EventSourcing.Access;

/// <summary>A read of case data, kept as an event of its own stream (a read never changes the case's version or ETag).</summary>
public sealed record CaseDataAccessed(Guid CaseId, string Resource, IReadOnlyList<InformationCategory> Categories, ReadOutcome Outcome,
    DateTimeOffset At);

/// <summary>
/// Records every read of case data, shown or refused, with the caller's agency and user (from the session's
/// metadata) and the categories involved; the relay publishes it as <see cref="CaseDataRead"/>.
/// </summary>
public static class AccessLog
{
    public static async Task RecordReadAsync(this HttpContext http, Guid caseId, string resource,
        IEnumerable<InformationCategory> categories, ReadOutcome outcome, TimeProvider clock)
    {
        var session = http.RequestServices.GetRequiredService<IDocumentSession>();
        session.Events.StartStream(Guid.CreateVersion7(),
            new CaseDataAccessed(caseId, resource, categories.Order().ToList(), outcome, clock.GetUtcNow()));
        await session.SaveChangesAsync(CancellationToken.None);
    }
}
