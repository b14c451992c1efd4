using System.Net.Http.Json;
using System.Text.Json;
using Platform.Intake.Cases.Reading;
using Platform.ServiceDefaults;

namespace Platform.Intake.Tests.Api;

/// <summary>Synthetic request bodies: nothing in them could identify anyone.</summary>
public static class CaseRequests
{
    public static object ValidOpening(string language = "es") => new
    {
        referralSource = "law-enforcement",
        clientCategory = "foreign-national",
        ageGroup = "adult",
        traffickingType = "labor",
        preferredLanguage = language,
        interpreterNeeded = true,
    };

    public static async Task<(CaseView Case, HttpResponseMessage Response)> OpenAsync(this HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/intake/cases", ValidOpening());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<CaseView>(PlatformJson.Options))!, response);
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
