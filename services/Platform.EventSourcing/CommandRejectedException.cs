namespace Platform.EventSourcing;

/// <summary>A decision refused a command because of the state the stream is in (answered as 409 with the reason).</summary>
public sealed class CommandRejectedException(string reason) : Exception(reason);
