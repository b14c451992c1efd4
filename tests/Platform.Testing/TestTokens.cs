using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults;

namespace Platform.Testing;

/// <summary>Bearer tokens shaped like the ones <c>deploy/token.sh</c> mints, signed with a key made per test run.</summary>
public sealed class TestTokens
{
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string For(string agency, string role = PlatformRoles.CaseManager, TimeSpan? lifetime = null, string? key = null,
        DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Authentication.LocalIssuer,
            Audience = Authentication.DefaultAudience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromMinutes(30)),
            Subject = new ClaimsIdentity([
                new Claim(Caller.SubjectClaim, $"user-{Guid.NewGuid():N}"),
                new Claim(Caller.AgencyClaim, agency),
                new Claim(Caller.RoleClaim, role),
            ]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public string Expired(string agency) =>
        For(agency, lifetime: TimeSpan.FromMinutes(5), now: DateTime.UtcNow.AddHours(-1));

    public string SignedWithAnotherKey(string agency) =>
        For(agency, key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A synthetic agency id, unique per call so tests never see each other's cases.</summary>
    public static string NewAgency(string kind = "agency") => $"{kind}-{Guid.NewGuid():N}"[..24];
}
