using Platform.Contracts.Intake;
using CaseOpened = Platform.Intake.Cases.CaseOpened;
using CaseClosed = Platform.Intake.Cases.CaseClosed;
using CaseReopened = Platform.Intake.Cases.CaseReopened;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Closing;
using Platform.Intake.Cases.Opening;
using Platform.Testing;

namespace Platform.Intake.Tests.Decisions;

public sealed class CaseDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid CaseId = Guid.CreateVersion7();

    private static readonly CaseOpened Opened = new(CaseId, "agency-lead", ReferralSource.LawEnforcement,
        ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true, Now);

    private static DecisionSpec<Case> Spec => DecisionSpec.For<Case>(Case.Fold);

    [Fact]
    public void Opening_a_case_makes_the_callers_agency_the_lead()
    {
        var opened = CaseOpening.Decide(new OpenCase(CaseId, "agency-lead", ReferralSource.LawEnforcement,
            ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true, Now));

        Assert.Equal(Opened, opened);
        var state = Case.Fold(null, opened);
        Assert.Equal("agency-lead", state.LeadAgencyId);
        Assert.Equal(CaseStatus.Open, state.Status);
    }

    [Fact]
    public void An_open_case_can_be_closed_with_a_reason() =>
        Spec.Given(Opened)
            .When(state => CaseClosing.Decide(state, new CloseCase(CaseClosureReason.GoalsAchieved, Now.AddDays(90))))
            .Then(new CaseClosed(CaseClosureReason.GoalsAchieved, Now.AddDays(90)));

    [Fact]
    public void A_closed_case_cannot_be_closed_again() =>
        Spec.Given(Opened, new CaseClosed(CaseClosureReason.Relocated, Now.AddDays(1)))
            .When(state => CaseClosing.Decide(state, new CloseCase(CaseClosureReason.GoalsAchieved, Now.AddDays(2))))
            .ThenRejected("already closed");

    [Fact]
    public void A_closed_case_can_be_reopened() =>
        Spec.Given(Opened, new CaseClosed(CaseClosureReason.ClientUnreachable, Now.AddDays(1)))
            .When(state => CaseClosing.Decide(state, new ReopenCase(Now.AddDays(30))))
            .Then(new CaseReopened(Now.AddDays(30)));

    [Fact]
    public void An_open_case_cannot_be_reopened() =>
        Spec.Given(Opened)
            .When(state => CaseClosing.Decide(state, new ReopenCase(Now.AddDays(1))))
            .ThenRejected("only a closed case");

    [Fact]
    public void A_reopened_case_is_open_again_without_its_closure()
    {
        var state = new object[] { Opened, new CaseClosed(CaseClosureReason.Other, Now), new CaseReopened(Now.AddDays(1)) }
            .Aggregate((Case?)null, Case.Fold)!;

        Assert.Equal(CaseStatus.Open, state.Status);
        Assert.Null(state.ClosureReason);
        Assert.Null(state.ClosedAt);
    }
}
