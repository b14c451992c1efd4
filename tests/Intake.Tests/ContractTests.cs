using System.Reflection;
using Platform.Contracts;

namespace Platform.Intake.Tests;

public sealed class ContractTests
{
    private static readonly string[] PersonalWords =
        ["name", "alias", "birth", "dob", "address", "phone", "email", "street", "note", "comment", "description", "location"];

    public static IEnumerable<object[]> IntegrationEvents =>
        typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .Select(t => new object[] { t.FullName! });

    [Theory]
    [MemberData(nameof(IntegrationEvents))]
    public void Integration_events_carry_no_field_that_could_hold_personal_data(string typeName)
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(typeName)!;
        var suspicious = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => PersonalWords.Any(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name);

        Assert.Empty(suspicious);
    }

    [Fact]
    public void Every_integration_event_is_an_immutable_record_in_the_namespace_of_its_publisher()
    {
        var types = IntegrationEvents.Select(row => typeof(IIntegrationEvent).Assembly.GetType((string)row[0])!).ToList();

        Assert.NotEmpty(types);
        Assert.All(types, t =>
        {
            Assert.NotNull(t.GetMethod("<Clone>$"));
            Assert.StartsWith("Platform.Contracts.", t.Namespace);
            Assert.All(t.GetProperties().Where(p => p.CanWrite), p => Assert.True(p.SetMethod!.ReturnParameter
                .GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"), $"{t.Name}.{p.Name} is settable"));
        });
    }
}
