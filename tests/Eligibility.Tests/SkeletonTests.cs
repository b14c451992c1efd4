namespace Platform.Eligibility.Tests;

public sealed class SkeletonTests
{
    [Fact]
    public void The_service_is_named_eligibility() => Assert.Equal("eligibility", EligibilityServices.Name);
}
