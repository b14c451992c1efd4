using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Intake.Tests.Decisions;

/// <summary>The rule every service applies to changes of what it keeps for a case.</summary>
public sealed class CaseAccessRuleTests
{
    private static readonly CaseAccess Access = new(Guid.CreateVersion7(), "agency-lead", ["agency-shelter"], []);

    private static Caller As(string agency, string role) => new(agency, "user-0001", new HashSet<string> { role });

    [Theory]
    [InlineData("agency-lead", PlatformRoles.CaseManager, true)]
    [InlineData("agency-lead", PlatformRoles.Supervisor, true)]
    [InlineData("agency-lead", PlatformRoles.Provider, false)]
    [InlineData("agency-lead", PlatformRoles.Administrator, false)]
    [InlineData("agency-shelter", PlatformRoles.CaseManager, false)]
    [InlineData("agency-other", PlatformRoles.CaseManager, false)]
    public void Only_the_lead_agencys_case_managers_and_supervisors_change_a_cases_records(string agency, string role, bool allowed) =>
        Assert.Equal(allowed, Access.MayBeChangedBy(As(agency, role)));
}
