namespace Platform.EventSourcing;

/// <summary>Transport headers the relay sets on every integration event.</summary>
public static class MessageHeaders
{
    public const string CaseId = "platform-case-id";
    public const string Correlation = "platform-correlation-id";
}
