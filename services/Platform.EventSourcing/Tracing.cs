using System.Diagnostics;

namespace Platform.EventSourcing;

/// <summary>
/// The platform's own spans (source <c>Platform</c>, exported with the rest): the relay, the ledger and each webhook delivery
/// continue the trace of the command that appended the event, from the W3C <c>traceparent</c> it carried along.
/// </summary>
public static class Tracing
{
    public static readonly ActivitySource Source = new("Platform");

    /// <summary>A span continuing <paramref name="traceParent"/>; a new trace when it is missing or malformed (no span without a listener).</summary>
    public static Activity? Continue(string name, ActivityKind kind, string? traceParent, string? traceState = null)
    {
        ActivityContext.TryParse(traceParent, traceState, out var parent);
        return Source.StartActivity(name, kind, parent);
    }
}
