using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Platform.Console.Api;
using Platform.Console.Auth;

namespace Platform.Console;

public static class ConsoleServices
{
    public const string Name = "console";

    public static readonly CultureInfo[] Languages = [new("en"), new("es")];

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        // Build output served as is (deploy/up.sh, tests): the framework's scripts come from the static web assets manifest.
        builder.WebHost.UseStaticWebAssets();
        var options = builder.Configuration.GetSection("Console").Get<ConsoleOptions>() ?? new ConsoleOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(LocalSignIn.From(builder.Configuration, builder.Environment));

        builder.Services.AddHealthChecks();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddLocalization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = ".console.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/signin";
                cookie.AccessDeniedPath = "/not-available";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnValidatePrincipal = SessionToken.RejectExpiredAsync;
            });
        builder.Services.AddAuthorization();

        builder.Services.AddHttpClient(PlatformApi.ClientName, http =>
        {
            http.BaseAddress = options.GatewayUrl;
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddHttpClient(PlatformApi.StreamClientName, http =>
        {
            http.BaseAddress = options.GatewayUrl;
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.Services.AddScoped<PlatformApi>();

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // The gateway in front of the console: links and redirects name the gateway's host, not the console's.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
        });
        return builder;
    }

    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders.Middleware);
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Its own scope: a page that answered 404 (a case not available) is rendered again as the one "not available" page.
        app.UseStatusCodePagesWithReExecute("/not-available", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = Languages,
            SupportedUICultures = Languages,
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        return app;
    }
}
