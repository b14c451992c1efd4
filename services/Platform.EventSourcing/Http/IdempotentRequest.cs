namespace Platform.EventSourcing.Http;

/// <summary>
/// A POST made with an <c>Idempotency-Key</c>. Inserted as pending in the same transaction as the command's
/// own events, so a command is never applied twice for one key; completed with the response once it is sent.
/// </summary>
public sealed class IdempotentRequest
{
    public required string Id { get; init; }
    public required string RequestHash { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public int? Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[]? Body { get; set; }
}
