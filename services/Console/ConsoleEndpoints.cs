using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

namespace Platform.Console;

/// <summary>The few posts that are not a page's own form: sign-out, the language setting, the session keep-alive.</summary>
public static class ConsoleEndpoints
{
    public static WebApplication MapConsoleEndpoints(this WebApplication app)
    {
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin?signedOut=1");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        app.MapPost("/settings/language", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? language,
            [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = ConsoleServices.Languages.FirstOrDefault(l => l.Name == language) ?? ConsoleServices.Languages[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });

        // A request that renews the sliding session when the person answers the idle warning.
        app.MapGet("/session/keepalive", () => Results.NoContent()).RequireAuthorization();
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
