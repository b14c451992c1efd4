using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// Turns request-reading failures (malformed JSON, unknown enum values, wrong content type, oversized bodies,
/// unbindable route or query values) into problem details naming the field at fault. Never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted) return false;

        var json = FindJsonException(bad);
        switch (bad.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                await ProblemResponses.WriteAsync(context, bad.StatusCode, "Request body too large", bad.Message);
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                await ProblemResponses.WriteAsync(context, bad.StatusCode, "Unsupported media type",
                    "Send the body as application/json.");
                break;
            default:
                if (json is not null)
                {
                    var field = ProblemResponses.FieldOf(json);
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "The request body is not valid",
                        $"The value of '{field}' could not be read.",
                        new Dictionary<string, string[]> { [field] = [DescribeJsonError(json)] });
                }
                else
                {
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request", bad.Message);
                }
                break;
        }
        return true;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is JsonException json) return json;
        return null;
    }

    // The serializer's own messages can echo type names; keep what a client needs.
    private static string DescribeJsonError(JsonException json) =>
        json is UnstorableValueException ? json.Message
        : json.Message.Contains("allow null", StringComparison.Ordinal)
            ? "This field is required and cannot be null."
        : json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "The value is not one of the allowed values or has the wrong type."
            : json.Path is null or "$" ? "The body is not well-formed JSON." : "The value is not well-formed JSON.";
}
