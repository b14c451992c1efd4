using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.Testing;

/// <summary>
/// The bad requests every entry point must answer with a problem, never a 500, whether it is reached
/// through the gateway or directly: each with the status and, where there is one, the field at fault.
/// </summary>
public static class BadRequests
{
    public sealed record Case(string Name, HttpStatusCode Expected, string? Field, Func<TestTokens, HttpRequestMessage> Build)
    {
        public override string ToString() => Name;
    }

    private const string Url = "/api/intake/cases";

    private const string Valid =
        """{"referralSource":"law-enforcement","clientCategory":"foreign-national","ageGroup":"adult","traffickingType":"labor","preferredLanguage":"es","interpreterNeeded":false}""";

    public static readonly IReadOnlyList<Case> OpeningACase =
    [
        new("malformed json", HttpStatusCode.BadRequest, "body", t => Json(t, "{\"referralSource\": \"hotline\",")),
        new("unknown enum value", HttpStatusCode.BadRequest, "clientCategory", t => Json(t, Valid.Replace("foreign-national", "martian"))),
        new("missing field", HttpStatusCode.BadRequest, "ageGroup", t => Json(t, Valid.Replace("\"ageGroup\":\"adult\",", ""))),
        new("wrong content type", HttpStatusCode.UnsupportedMediaType, null, t => Authorized(t, new StringContent(Valid, Encoding.UTF8, "text/plain"))),
        new("oversized body", HttpStatusCode.RequestEntityTooLarge, null, t => Json(t, Valid.Replace("\"es\"", $"\"{new string('x', 300_000)}\""))),
        new("no token", HttpStatusCode.Unauthorized, null, _ => new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(Valid, Encoding.UTF8, "application/json") }),
        new("expired token", HttpStatusCode.Unauthorized, null, t => WithToken(t.Expired(TestTokens.NewAgency()))),
        new("token signed with another key", HttpStatusCode.Unauthorized, null, t => WithToken(t.SignedWithAnotherKey(TestTokens.NewAgency()))),
    ];

    public static IEnumerable<object[]> OpeningACaseData => OpeningACase.Select(c => new object[] { c.Name });

    public static Case Named(string name) => OpeningACase.Single(c => c.Name == name);

    private static HttpRequestMessage Json(TestTokens tokens, string body) =>
        Authorized(tokens, new StringContent(body, Encoding.UTF8, "application/json"));

    private static HttpRequestMessage Authorized(TestTokens tokens, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(TestTokens.NewAgency()));
        return request;
    }

    private static HttpRequestMessage WithToken(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(Valid, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
