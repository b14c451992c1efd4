using Platform.Contracts.Intake;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Assessing;
using Platform.Intake.Cases.Assigning;
using Platform.Intake.Cases.Crises;
using Platform.Testing;
using CaseClosed = Platform.Intake.Cases.CaseClosed;
using CaseManagerAssigned = Platform.Intake.Cases.CaseManagerAssigned;
using CaseOpened = Platform.Intake.Cases.CaseOpened;
using CrisisReported = Platform.Intake.Cases.CrisisReported;
using CrisisResolved = Platform.Intake.Cases.CrisisResolved;
using NeedsAssessed = Platform.Intake.Cases.NeedsAssessed;

namespace Platform.Intake.Tests.Decisions;

public sealed class CaseWorkDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid CrisisId = Guid.CreateVersion7();

    private static readonly CaseOpened Opened = new(Guid.CreateVersion7(), "agency-lead", ReferralSource.Hotline,
        ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true, Now);

    private static readonly CaseClosed Closed = new(CaseClosureReason.Other, Now);

    private static DecisionSpec<Case> Spec => DecisionSpec.For<Case>(Case.Fold);

    [Fact]
    public void A_case_manager_under_the_caseload_limit_is_assigned() =>
        Spec.Given(Opened)
            .When(s => CaseManagerAssignment.Decide(s, new AssignCaseManager("cm-1", 11, 12, Now)))
            .Then(new CaseManagerAssigned("cm-1", Now));

    [Fact]
    public void A_case_manager_at_the_caseload_limit_is_refused_with_the_current_caseload()
    {
        var full = Assert.Throws<CaseloadFullException>(() =>
            Spec.Given(Opened).When(s => CaseManagerAssignment.Decide(s, new AssignCaseManager("cm-1", 12, 12, Now))));

        Assert.Equal(12, full.OpenCases);
        Assert.Contains("caseload limit is 12", full.Message);
    }

    [Fact]
    public void Assigning_the_same_case_manager_again_changes_nothing() =>
        Spec.Given(Opened, new CaseManagerAssigned("cm-1", Now))
            .When(s => CaseManagerAssignment.Decide(s, new AssignCaseManager("cm-1", 12, 12, Now)))
            .Then();

    [Fact]
    public void A_closed_case_gets_no_case_manager() =>
        Spec.Given(Opened, Closed)
            .When(s => CaseManagerAssignment.Decide(s, new AssignCaseManager("cm-1", 0, 12, Now)))
            .ThenRejected("closed");

    [Fact]
    public void A_reassessment_appends_and_the_latest_is_the_one_shown()
    {
        var first = new NeedsAssessed([new NeedLevel(NeedDomain.Housing, Urgency.Urgent)], ["resourceful"], Now);
        var outcome = Spec.Given(Opened, first)
            .When(s => NeedsAssessment.Decide(s, new AssessNeeds([new NeedLevel(NeedDomain.Housing, Urgency.Low)], [], Now.AddDays(7))));
        outcome.Then(new NeedsAssessed([new NeedLevel(NeedDomain.Housing, Urgency.Low)], [], Now.AddDays(7)));

        var state = new object[] { Opened, first }.Concat(outcome.Events).Aggregate((Case?)null, Case.Fold)!;
        Assert.Equal(2, state.Assessment!.Number);
        Assert.Equal(Now.AddDays(7), state.Assessment.AssessedAt);
    }

    [Fact]
    public void A_closed_case_takes_no_assessment() =>
        Spec.Given(Opened, Closed)
            .When(s => NeedsAssessment.Decide(s, new AssessNeeds([new NeedLevel(NeedDomain.Safety, Urgency.High)], [], Now)))
            .ThenRejected("closed");

    [Fact]
    public void A_reported_crisis_is_resolved_once() =>
        Spec.Given(Opened, new CrisisReported(CrisisId, CrisisKind.SafetyThreat, CrisisSeverity.Critical, Now),
                new CrisisResolved(CrisisId, Now.AddHours(2)))
            .When(s => CaseCrises.Decide(s, new ResolveCrisis(CrisisId, Now.AddHours(3))))
            .ThenRejected("already resolved");

    [Fact]
    public void An_unknown_crisis_cannot_be_resolved() =>
        Spec.Given(Opened)
            .When(s => CaseCrises.Decide(s, new ResolveCrisis(CrisisId, Now)))
            .ThenRejected("No such crisis");

    [Fact]
    public void A_crisis_is_reported_on_an_open_case() =>
        Spec.Given(Opened)
            .When(s => CaseCrises.Decide(s, new ReportCrisis(CrisisId, CrisisKind.MedicalEmergency, CrisisSeverity.High, Now)))
            .Then(new CrisisReported(CrisisId, CrisisKind.MedicalEmergency, CrisisSeverity.High, Now));
}
