using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Platform.EventSourcing.Http;

/// <summary>The ETag of a resource is its stream version; <c>If-Match</c> names the version a write expects.</summary>
public static class StreamVersion
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>
    /// The version named by <c>If-Match</c>, or null when the header is absent or <c>*</c>.
    /// A value that is not one of our ETags can never match: it reads as a version no stream has.
    /// </summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*") return null;
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        return long.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }
}
