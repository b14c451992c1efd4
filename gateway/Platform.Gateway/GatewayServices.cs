using Platform.ServiceDefaults;
using Scalar.AspNetCore;

namespace Platform.Gateway;

public static class GatewayServices
{
    public const string Name = "gateway";

    /// <summary>After every service route (order 0 to 10), before the console's catch-all (1000).</summary>
    private const int UnknownApiOrder = 500;

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .ConfigureHttpClient((_, handler) =>
            {
                // A service that is not running answers at once with 503 instead of holding the caller.
                handler.ConnectTimeout = TimeSpan.FromSeconds(3);
            });
        builder.Services.AddAgencyRateLimits(builder.Configuration);
        builder.Services.AddSingleton(builder.Configuration.GetSection("ApiDocuments").Get<ApiDocument[]>() ?? []);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy(proxy => proxy.Use(ProxyErrors.Middleware));

        // The console takes every path no other route claims (its route has the lowest priority), except the API's:
        // an unknown /api/... path stays a problem for agency systems, never the console's HTML.
        app.Map("/api/{**rest}", (HttpContext context) => ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound,
                "Not found", "No API answers at this path; see /docs for the operations."))
            .WithOrder(UnknownApiOrder);

        var documents = app.Services.GetRequiredService<ApiDocument[]>();
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Case platform API");
            foreach (var (document, index) in documents.Select((d, i) => (d, i)))
                options.AddDocument(document.Name, document.Title, $"/openapi/{document.Name}.json", isDefault: index == 0);
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>One service's OpenAPI document as the gateway lists it at <c>/docs</c>.</summary>
public sealed record ApiDocument(string Name, string Title);
