using Platform.Contracts.Intake;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Transferring;
using Platform.ServiceDefaults;
using Platform.Testing;
using CaseClosed = Platform.Intake.Cases.CaseClosed;
using CaseOpened = Platform.Intake.Cases.CaseOpened;
using TransferDeclined = Platform.Intake.Cases.TransferDeclined;
using TransferRequested = Platform.Intake.Cases.TransferRequested;

namespace Platform.Intake.Tests.Decisions;

public sealed class TransferDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static readonly CaseOpened Opened = new(Guid.CreateVersion7(), "agency-lead", ReferralSource.Hotline,
        ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true, Now);

    private static readonly TransferRequested Requested = new("agency-next", Now);

    private static DecisionSpec<Case> Spec => DecisionSpec.For<Case>(Case.Fold);

    private static Caller Of(string agency) => new(agency, "user-1", new HashSet<string> { PlatformRoles.CaseManager });

    [Fact]
    public void The_lead_asks_another_agency_to_take_the_lead() =>
        Spec.Given(Opened)
            .When(s => CaseTransfer.Decide(s, new RequestTransfer("agency-next", Now)))
            .Then(Requested);

    [Fact]
    public void A_second_transfer_waits_for_the_first_answer() =>
        Spec.Given(Opened, Requested)
            .When(s => CaseTransfer.Decide(s, new RequestTransfer("agency-other", Now)))
            .ThenRejected("already waiting");

    [Fact]
    public void A_case_is_not_transferred_to_its_own_lead() =>
        Spec.Given(Opened)
            .When(s => CaseTransfer.Decide(s, new RequestTransfer("agency-lead", Now)))
            .ThenRejected("already led");

    [Fact]
    public void Only_the_receiving_agency_may_answer_a_transfer()
    {
        var state = new object[] { Opened, Requested }.Aggregate((Case?)null, Case.Fold)!;

        Assert.True(Of("agency-next").IsAskedToLead(state));
        Assert.False(Of("agency-lead").IsAskedToLead(state));
        Assert.False(Of("agency-other").IsAskedToLead(state));
    }

    [Fact]
    public void Accepting_makes_the_receiving_agency_the_lead_and_shuts_out_the_former_lead()
    {
        var outcome = Spec.Given(Opened, Requested).When(s => CaseTransfer.Decide(s, new AcceptTransfer("agency-next", Now)));
        outcome.Then(new TransferAccepted("agency-lead", "agency-next", Now));

        var state = new object[] { Opened, Requested }.Concat(outcome.Events).Aggregate((Case?)null, Case.Fold)!;
        Assert.Equal("agency-next", state.LeadAgencyId);
        Assert.Empty(state.Access.VisibleTo(Of("agency-lead"), Now));
    }

    [Fact]
    public void A_declined_transfer_leaves_the_lead_where_it_was() =>
        Spec.Given(Opened, Requested, new TransferDeclined("agency-next", Now))
            .When(s => CaseTransfer.Decide(s, new AcceptTransfer("agency-next", Now)))
            .ThenRejected("No transfer waits");

    [Fact]
    public void A_closed_case_is_not_transferred() =>
        Spec.Given(Opened, new CaseClosed(CaseClosureReason.Other, Now))
            .When(s => CaseTransfer.Decide(s, new RequestTransfer("agency-next", Now)))
            .ThenRejected("closed");
}
