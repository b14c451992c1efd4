using System.Net;

namespace Platform.Console.Api;

/// <summary>
/// What a call to the platform came to: the value, or the problem the API answered (RFC 9457) turned into what a page
/// shows: one plain sentence saying what to do (a resource key) and the fields at fault with the API's own words.
/// </summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>403 and 404 look the same to the person: the case is not available, whether or not it exists.</summary>
    public bool NotAvailable => Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;
}

public sealed record ApiProblem(HttpStatusCode Status, string SentenceKey, IReadOnlyDictionary<string, string[]> Fields, int? RetryAfterSeconds = null)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    /// <summary>The resource key of the sentence for a status: what went wrong and what to do about it.</summary>
    public static string SentenceFor(HttpStatusCode status, bool hasFields) => status switch
    {
        HttpStatusCode.BadRequest when hasFields => "Problem.Fields",
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => "Problem.BadRequest",
        HttpStatusCode.Unauthorized => "Problem.SignedOut",
        HttpStatusCode.Forbidden or HttpStatusCode.NotFound => "Problem.NotAvailable",
        HttpStatusCode.Conflict => "Problem.Conflict",
        HttpStatusCode.PreconditionFailed => "Problem.Changed",
        HttpStatusCode.Gone => "Problem.Gone",
        HttpStatusCode.RequestEntityTooLarge => "Problem.TooLarge",
        HttpStatusCode.TooManyRequests => "Problem.TooMany",
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.BadGateway => "Problem.Unavailable",
        _ => "Problem.Unexpected",
    };

    /// <summary>An answer that never came (the gateway down, a timeout).</summary>
    public static ApiProblem Unreachable => new(HttpStatusCode.ServiceUnavailable, "Problem.Unavailable", NoFields);
}
