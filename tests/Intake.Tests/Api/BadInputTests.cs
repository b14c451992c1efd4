using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class BadInputTests(IntakeFixture fixture)
{
    [Theory]
    [MemberData(nameof(BadRequests.OpeningACaseData), MemberType = typeof(BadRequests))]
    public async Task Bad_input_to_the_service_is_answered_with_a_problem_naming_what_is_wrong(string name)
    {
        var bad = BadRequests.Named(name);

        var response = await fixture.App.CreateClient().SendAsync(bad.Build(fixture.Tokens));

        Assert.Equal(bad.Expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)bad.Expected, problem.GetProperty("status").GetInt32());
        if (bad.Field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(bad.Field, out _), $"no error for {bad.Field}");
    }
}
