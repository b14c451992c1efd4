using Platform.Testing;

namespace Platform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class AccessTests(PlatformFixture platform)
{
    [Fact]
    public async Task Through_the_gateway_every_endpoint_answers_each_kind_of_caller_as_the_access_model_says()
    {
        var mismatches = await CaseAccessMatrix.RunAsync(platform.ThroughGateway);

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Directly_at_the_service_every_endpoint_answers_each_kind_of_caller_as_the_access_model_says()
    {
        var mismatches = await CaseAccessMatrix.RunAsync(platform.DirectToIntake);

        Assert.Empty(mismatches);
    }
}
