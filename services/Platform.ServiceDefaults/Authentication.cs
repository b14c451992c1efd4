using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults;

/// <summary>
/// JWT bearer authentication: in production the network's OIDC authority (<c>Auth:Authority</c>),
/// locally a symmetric development key (<c>Auth:SigningKey</c>, base64) that <c>deploy/token.sh</c> signs with.
/// </summary>
public static class Authentication
{
    public const string LocalIssuer = "platform-local";
    public const string DefaultAudience = "platform";

    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection("Auth");
        var authority = auth["Authority"];
        var audience = auth["Audience"] ?? DefaultAudience;

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = audience,
                    NameClaimType = Caller.SubjectClaim,
                    RoleClaimType = Caller.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RequireExpirationTime = true,
                };
                if (!string.IsNullOrEmpty(authority))
                {
                    options.Authority = authority;
                }
                else
                {
                    var key = auth["SigningKey"];
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        throw new InvalidOperationException(
                            "Set Auth:Authority (OIDC) or Auth:SigningKey (base64 development key, see deploy/token.sh).");
                    }
                    options.TokenValidationParameters.ValidIssuer = LocalIssuer;
                    options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(key));
                    options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = ProblemResponses.WriteChallengeAsync,
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(Caller.AgencyClaim)
                .Build())
            .AddPolicy(PlatformPolicies.AnyRole, p => p.RequireClaim(Caller.AgencyClaim).RequireRole(PlatformRoles.All))
            .AddPolicy(PlatformPolicies.CaseWork, p => p.RequireClaim(Caller.AgencyClaim).RequireRole(PlatformRoles.CaseManager, PlatformRoles.Supervisor))
            .AddPolicy(PlatformPolicies.Supervision, p => p.RequireClaim(Caller.AgencyClaim).RequireRole(PlatformRoles.Supervisor, PlatformRoles.Administrator))
            .AddPolicy(PlatformPolicies.Administration, p => p.RequireClaim(Caller.AgencyClaim).RequireRole(PlatformRoles.Administrator));
        return services;
    }
}
