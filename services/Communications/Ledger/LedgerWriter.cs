using System.Diagnostics;
using System.Text.Json;
using Marten;
using Platform.Communications.Disclosures;
using Platform.Communications.Notifications;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Ledger;

/// <summary>
/// Writes integration events into the ledger, in the order given, each once, together with the access change each
/// carries, the notifications it raises and the disclosure it records: one transaction for a whole batch, so an entry
/// never becomes readable before the consent or team change that decides who may read it, and a batch costs one
/// commit however many events it holds. An event already in the ledger (a redelivery) is skipped whole.
/// </summary>
public sealed class LedgerWriter(IDocumentStore store, IConfiguration configuration)
{
    /// <summary>Events that come without a trace context (tests, tools).</summary>
    public Task<int> WriteAsync(IReadOnlyList<IIntegrationEvent> batch, CancellationToken ct) =>
        WriteAsync(batch.Select(m => new LedgerMessage(m, null)).ToList(), ct);

    public async Task<int> WriteAsync(IReadOnlyList<LedgerMessage> batch, CancellationToken ct)
    {
        // An identity-map session: a later event of the batch sees what an earlier one changed (a consent, a team).
        await using var session = store.IdentitySession();
        var ids = batch.Select(m => m.Event.EventId).ToArray();
        var seen = (await session.Query<LedgerEntry>().Where(e => e.EventId.IsOneOf(ids)).Select(e => e.EventId).ToListAsync(ct)).ToHashSet();
        var lead = ConsentReminderMonitor.Lead(configuration);
        // Each entry's span continues its command's trace, and ends with the commit that makes the entry readable.
        var spans = new List<Activity>();
        try
        {
            var written = 0;
            foreach (var (message, traceParent) in batch)
            {
                if (!seen.Add(message.EventId)) continue;
                await CaseAccessModel.ApplyAsync(message, session, ct);
                await NotificationRules.ApplyAsync(message, session, lead, ct);
                if (message is CaseDataRead read) session.Insert(DisclosureRecord.Read(read));
                var span = StartSpan(message, traceParent);
                if (span is not null) spans.Add(span);
                var entry = LedgerEntry.Of(message, span?.Id ?? traceParent);
                session.Insert(entry);
                if (CaseAccessModel.Changes(message)) session.Store(new Webhooks.AccessChange(message.CaseId, entry.Id));
                written++;
            }
            if (written > 0) await session.SaveChangesAsync(ct);
            return written;
        }
        finally
        {
            foreach (var span in spans) span.Dispose();
        }
    }

    /// <summary>A span of the command's trace that does not become the current one (the batch's own work is not part of it).</summary>
    private static Activity? StartSpan(IIntegrationEvent message, string? traceParent)
    {
        if (traceParent is null) return null;
        var current = Activity.Current;
        var span = Tracing.Continue($"ledger {LedgerNames.TypeOf(message.GetType())}", ActivityKind.Consumer, traceParent);
        Activity.Current = current;
        return span;
    }
}

/// <summary>An integration event as the ledger queue delivered it, with the trace context of the relay that published it.</summary>
public readonly record struct LedgerMessage(IIntegrationEvent Event, string? TraceParent);

/// <summary>How an integration event type is named outside: <c>platform.intake.case-opened</c>, from service <c>intake</c>.</summary>
public static class LedgerNames
{
    private const string ContractsNamespace = "Platform.Contracts";

    public static string ServiceOf(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(ContractsNamespace + ".", StringComparison.Ordinal)
            ? JsonNamingPolicy.KebabCaseLower.ConvertName(ns[(ContractsNamespace.Length + 1)..])
            : "platform";

    public static string TypeOf(Type type) => $"platform.{ServiceOf(type)}.{JsonNamingPolicy.KebabCaseLower.ConvertName(type.Name)}";

    /// <summary>Every integration event type the platform defines.</summary>
    public static IReadOnlyList<Type> IntegrationEventTypes { get; } = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToList();

    /// <summary>Each type by the message URN MassTransit gives it: <c>urn:message:Platform.Contracts.Intake:CaseOpened</c>.</summary>
    public static IReadOnlyDictionary<string, Type> ByUrn { get; } =
        IntegrationEventTypes.ToDictionary(t => $"urn:message:{t.Namespace}:{t.Name}", StringComparer.Ordinal);
}
