namespace Platform.Intake.Cases.Identity;

/// <summary>Who the client is. Lives only encrypted, under the client's own key; never in an event, a log or a projection.</summary>
public sealed record ClientIdentity(
    IReadOnlyList<string> Names,
    IReadOnlyList<string>? Aliases,
    DateOnly? DateOfBirth,
    string? Phone,
    string? Email,
    string? Address);

/// <summary>The client's own data key, wrapped by the master key. Destroying it erases the identity.</summary>
public sealed record ClientKey(Guid Id, byte[] WrappedKey);

/// <summary>The identity encrypted with AES-GCM under the client's key.</summary>
public sealed record SealedIdentity(Guid Id, byte[] Nonce, byte[] Ciphertext, byte[] Tag);
