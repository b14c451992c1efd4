using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.ServiceDefaults;

namespace Platform.Console.Auth;

/// <summary>
/// The signed-in person's bearer token lives inside the session cookie's ticket, which ASP.NET Data Protection encrypts
/// and the browser cannot read (HttpOnly); the console adds it to its own calls to the gateway and never renders it.
/// </summary>
public static class SessionToken
{
    private const string TokenClaim = "platform_token";
    private const string ExpiresClaim = "platform_token_expires";

    public static ClaimsPrincipal Principal(string agency, string role, string subject, string token, DateTimeOffset expires) =>
        new(new ClaimsIdentity([
            new Claim(Caller.SubjectClaim, subject),
            new Claim(Caller.AgencyClaim, agency),
            new Claim(Caller.RoleClaim, role),
            new Claim(TokenClaim, token),
            new Claim(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], CookieAuthenticationDefaults.AuthenticationScheme, Caller.SubjectClaim, Caller.RoleClaim));

    public static string? TokenOf(ClaimsPrincipal user) => user.FindFirst(TokenClaim)?.Value;

    public static Task SignInAsync(HttpContext http, ClaimsPrincipal principal) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    /// <summary>A session whose token has expired ends: the person signs in again rather than meet 401s.</summary>
    public static async Task RejectExpiredAsync(CookieValidatePrincipalContext context)
    {
        var expires = context.Principal?.FindFirst(ExpiresClaim)?.Value;
        if (expires is null || !long.TryParse(expires, out var seconds) || DateTimeOffset.FromUnixTimeSeconds(seconds) <= DateTimeOffset.UtcNow)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
