namespace Platform.EventSourcing.Http;

/// <summary>
/// A POST made with an <c>Idempotency-Key</c>: pending (a lease on the key, taken by <see cref="Attempt"/> at
/// <see cref="ReceivedAt"/>) until its response is stored, in the same transaction as the command's own changes.
/// </summary>
public sealed class IdempotentRequest
{
    public required string Id { get; init; }
    public required string RequestHash { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The run that holds the key; a run whose lease was taken over by a retry commits nothing.</summary>
    public Guid Attempt { get; init; }

    public int? Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[]? Body { get; set; }

    /// <summary>Pending, and its run started so long ago that it can only have died: a retry may run the command.</summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan pendingFor) => Status is null && now - ReceivedAt >= pendingFor;
}
