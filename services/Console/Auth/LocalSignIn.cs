using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults;

namespace Platform.Console.Auth;

/// <summary>
/// The development sign-in: a person picks an agency, a role and a user id, and the console mints the token
/// <c>deploy/token.sh</c> would (HS256 with <c>Auth:SigningKey</c>, issuer <c>platform-local</c>, audience <c>platform</c>).
/// Available only while that key is configured and never in the Production environment.
/// </summary>
public sealed partial class LocalSignIn
{
    private readonly SymmetricSecurityKey? _key;

    private LocalSignIn(SymmetricSecurityKey? key) => _key = key;

    public bool Enabled => _key is not null;

    public static LocalSignIn From(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(key) || environment.IsProduction()) return new LocalSignIn(null);
        return new LocalSignIn(new SymmetricSecurityKey(Convert.FromBase64String(key)));
    }

    /// <summary>The same claims and lifetime rules as <c>deploy/token.sh</c>.</summary>
    public string Mint(string agency, string role, string subject, TimeSpan lifetime, DateTimeOffset now)
    {
        if (_key is null) throw new InvalidOperationException("Local sign-in is not available here.");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Authentication.LocalIssuer,
            Audience = Authentication.DefaultAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(Caller.SubjectClaim, subject),
                new Claim(Caller.AgencyClaim, agency),
                new Claim(Caller.RoleClaim, role),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Agency ids as tokens carry them (the same rule as <c>deploy/token.sh</c> and the services).</summary>
    public static bool IsAgencyId(string? value) => value is not null && AgencyPattern().IsMatch(value);

    public static bool IsSubject(string? value) => value is not null && SubjectPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AgencyPattern();

    [GeneratedRegex("^[A-Za-z0-9._@:|-]{1,64}$")]
    private static partial Regex SubjectPattern();
}
