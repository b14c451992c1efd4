using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Intake.Cases.Identity;

/// <summary>
/// Envelope encryption per client: each case gets a random 256-bit key; the identity is sealed with AES-GCM under
/// it (the case id as associated data, so a sealed identity cannot be moved to another case), and the key is
/// wrapped by the master key (<c>Identity:MasterKey</c>, base64 of 32 bytes) or, without one, by ASP.NET Data
/// Protection. Erasure deletes the client's key, which makes every copy of the ciphertext unreadable.
/// </summary>
public sealed class IdentityVault(IConfiguration configuration, IDataProtectionProvider dataProtection)
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[]? _masterKey = configuration["Identity:MasterKey"] is { Length: > 0 } key ? Convert.FromBase64String(key) : null;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Platform.Intake.ClientKeys");

    /// <summary>Seals the identity in <paramref name="session"/> (not saved), reusing the client's key or making one.</summary>
    public async Task SealAsync(IDocumentSession session, Guid caseId, ClientIdentity identity, CancellationToken ct)
    {
        var clientKey = await session.LoadAsync<ClientKey>(caseId, ct);
        byte[] key;
        if (clientKey is null)
        {
            key = RandomNumberGenerator.GetBytes(KeyBytes);
            session.Store(new ClientKey(caseId, Wrap(key, caseId)));
        }
        else
        {
            key = Unwrap(clientKey.WrappedKey, caseId);
        }

        var plaintext = JsonSerializer.SerializeToUtf8Bytes(identity);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(key, TagBytes)) aes.Encrypt(nonce, plaintext, ciphertext, tag, caseId.ToByteArray());
        CryptographicOperations.ZeroMemory(plaintext);
        CryptographicOperations.ZeroMemory(key);
        session.Store(new SealedIdentity(caseId, nonce, ciphertext, tag));
    }

    /// <summary>The identity, or null when none was stored or its key was destroyed.</summary>
    public async Task<ClientIdentity?> OpenAsync(IQuerySession session, Guid caseId, CancellationToken ct)
    {
        var sealedIdentity = await session.LoadAsync<SealedIdentity>(caseId, ct);
        var clientKey = await session.LoadAsync<ClientKey>(caseId, ct);
        if (sealedIdentity is null || clientKey is null) return null;

        var key = Unwrap(clientKey.WrappedKey, caseId);
        var plaintext = new byte[sealedIdentity.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedIdentity.Nonce, sealedIdentity.Ciphertext, sealedIdentity.Tag, plaintext, caseId.ToByteArray());
            return JsonSerializer.Deserialize<ClientIdentity>(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Destroys the client's key and the sealed identity, in <paramref name="session"/> (not saved).</summary>
    public static void Erase(IDocumentSession session, Guid caseId)
    {
        session.Delete<ClientKey>(caseId);
        session.Delete<SealedIdentity>(caseId);
    }

    private byte[] Wrap(byte[] key, Guid caseId)
    {
        if (_masterKey is null) return _protector.Protect(key);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var wrapped = new byte[key.Length];
        var tag = new byte[TagBytes];
        using var aes = new AesGcm(_masterKey, TagBytes);
        aes.Encrypt(nonce, key, wrapped, tag, caseId.ToByteArray());
        return [.. nonce, .. wrapped, .. tag];
    }

    private byte[] Unwrap(byte[] wrapped, Guid caseId)
    {
        if (_masterKey is null) return _protector.Unprotect(wrapped);
        var key = new byte[KeyBytes];
        using var aes = new AesGcm(_masterKey, TagBytes);
        aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes, KeyBytes), wrapped.AsSpan(NonceBytes + KeyBytes), key,
            caseId.ToByteArray());
        return key;
    }
}
