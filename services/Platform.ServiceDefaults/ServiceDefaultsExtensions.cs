using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.ServiceDefaults;

/// <summary>The hosting conventions every platform process shares, the gateway included.</summary>
public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTelemetry(serviceName);
        builder.Services.AddHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.ConfigureHttpJsonOptions(o => PlatformJson.ConfigureRequests(o.SerializerOptions));
        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap["guid"] = typeof(NonEmptyGuidRouteConstraint));
        // Binding failures throw, so the exception handler can name the field at fault instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.CorrelationId();
            if (Activity.Current is { } activity)
                context.ProblemDetails.Extensions["traceId"] = activity.TraceId.ToHexString();
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        var limits = builder.Configuration.GetSection("Limits").Get<RequestLimits>() ?? new RequestLimits();
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// The shared middleware, in order: correlation, problem details for exceptions and empty error responses
    /// (an exception no handler claims becomes a bare 500 problem), body limit, authentication, authorization, and the refusal of
    /// input no service can store (<see cref="StorableInput"/>), then the steps shared libraries registered (<see cref="IPipelineStep"/>:
    /// the event store's Idempotency-Key handling).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.Use(Correlation.Middleware);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RequestLimits.Middleware(app.Services.GetRequiredService<RequestLimits>().MaxRequestBodyBytes));
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(StorableInput.Middleware);
        foreach (var step in app.Services.GetServices<IPipelineStep>()) step.Apply(app);
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
