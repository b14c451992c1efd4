namespace Platform.EventSourcing;

/// <summary>Transport headers the relay sets on every integration event.</summary>
public static class MessageHeaders
{
    public const string CaseId = "platform-case-id";
    public const string Correlation = "platform-correlation-id";

    /// <summary>The W3C trace context of the relay's span: a reader of the ledger continues the command's trace from it.</summary>
    public const string TraceParent = "platform-traceparent";
}
