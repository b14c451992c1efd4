using Platform.Contracts.Intake;
using FailureReason = Platform.Contracts.Referral.FailureReason;
using FollowUpReason = Platform.Contracts.Referral.FollowUpReason;
using RejectionReason = Platform.Contracts.Referral.RejectionReason;
using ServiceType = Platform.Contracts.Referral.ServiceType;
using ServiceUnit = Platform.Contracts.Referral.ServiceUnit;
using Platform.Referral.Referrals;
using Platform.Referral.Referrals.Answering;
using Platform.Referral.Referrals.Progressing;
using Platform.Referral.Referrals.Withdrawing;
using Platform.Testing;

namespace Platform.Referral.Tests.Decisions;

public sealed class ReferralDecisionTests
{
    private const string Requester = "agency-lead";
    private const string Receiver = "agency-shelter";
    private const string Other = "agency-other";
    private static readonly Guid Case = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    private static readonly ReferralRequested Requested = new(Guid.Parse("0195f0a0-0000-7000-8000-000000000002"), Case, Requester, Receiver,
        Guid.Parse("0195f0a0-0000-7000-8000-000000000003"), Guid.Parse("0195f0a0-0000-7000-8000-000000000004"), ServiceType.Shelter,
        NeedDomain.Housing, "es", true, T0);

    /// <summary>The events that bring a new referral to each state.</summary>
    private static object[] To(ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => [Requested],
        ReferralStatus.Accepted => [Requested, new ReferralAccepted(Case, Receiver, ServiceType.Shelter, T0)],
        ReferralStatus.Rejected => [Requested, new ReferralRejected(Case, Receiver, RejectionReason.NoCapacity, T0)],
        ReferralStatus.Cancelled => [Requested, new ReferralCancelled(Case, Receiver, T0)],
        ReferralStatus.InProgress => [.. To(ReferralStatus.Accepted), new ReferralStarted(Case, Receiver, T0)],
        ReferralStatus.OnHold => [.. To(ReferralStatus.InProgress), new ReferralPutOnHold(Case, Receiver, T0)],
        ReferralStatus.Completed => [.. To(ReferralStatus.InProgress), new ReferralCompleted(Case, Receiver, T0)],
        ReferralStatus.Failed => [.. To(ReferralStatus.InProgress), new ReferralFailed(Case, Receiver, FailureReason.ClientWithdrew, T0)],
        ReferralStatus.EnteredInError => [Requested, new ReferralEnteredInError(Case, Receiver, T0)],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Every command of the state machine: who gives it, the states it is allowed from, and the event it yields.</summary>
    private static readonly Dictionary<string, (string By, ReferralStatus[] From, Func<Referrals.Referral, string, IReadOnlyList<object>> Decide, object Yields)> Commands = new()
    {
        ["accept"] = (Receiver, [ReferralStatus.Requested],
            (s, a) => ReferralAnswering.Decide(s, new AcceptReferral(a, Now)), new ReferralAccepted(Case, Receiver, ServiceType.Shelter, Now)),
        ["reject"] = (Receiver, [ReferralStatus.Requested],
            (s, a) => ReferralAnswering.Decide(s, new RejectReferral(a, RejectionReason.NotEligible, Now)),
            new ReferralRejected(Case, Receiver, RejectionReason.NotEligible, Now)),
        ["start"] = (Receiver, [ReferralStatus.Accepted, ReferralStatus.OnHold],
            (s, a) => ReferralProgress.Decide(s, new StartReferral(a, Now)), new ReferralStarted(Case, Receiver, Now)),
        ["hold"] = (Receiver, [ReferralStatus.InProgress],
            (s, a) => ReferralProgress.Decide(s, new PutReferralOnHold(a, Now)), new ReferralPutOnHold(Case, Receiver, Now)),
        ["complete"] = (Receiver, [ReferralStatus.InProgress, ReferralStatus.OnHold],
            (s, a) => ReferralProgress.Decide(s, new CompleteReferral(a, Now)), new ReferralCompleted(Case, Receiver, Now)),
        ["fail"] = (Receiver, [ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold],
            (s, a) => ReferralProgress.Decide(s, new FailReferral(a, FailureReason.ClientDidNotAttend, Now)),
            new ReferralFailed(Case, Receiver, FailureReason.ClientDidNotAttend, Now)),
        ["cancel"] = (Requester, [ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold],
            (s, a) => ReferralWithdrawal.Decide(s, new CancelReferral(a, Now)), new ReferralCancelled(Case, Receiver, Now)),
        ["enter-in-error"] = (Requester, Enum.GetValues<ReferralStatus>().Where(s => s != ReferralStatus.EnteredInError).ToArray(),
            (s, a) => ReferralWithdrawal.Decide(s, new MarkReferralEnteredInError(a, Now)), new ReferralEnteredInError(Case, Receiver, Now)),
    };

    public static IEnumerable<object[]> EveryCommandFromEveryState =>
        from command in Commands.Keys
        from status in Enum.GetValues<ReferralStatus>()
        select new object[] { command, status.ToString() };

    [Theory]
    [MemberData(nameof(EveryCommandFromEveryState))]
    public void Each_command_by_its_side_is_allowed_from_exactly_the_states_of_the_referral_state_machine(string command, string from)
    {
        var status = Enum.Parse<ReferralStatus>(from);
        var (by, allowed, decide, yields) = Commands[command];

        var outcome = DecisionSpec.For<Referrals.Referral>(Referrals.Referral.Fold).Given(To(status)).When(s => decide(s, by));

        if (allowed.Contains(status)) outcome.Then(yields);
        else outcome.ThenRejected($"cannot be");
    }

    public static IEnumerable<object[]> EveryCommandByTheWrongAgency =>
        from command in Commands.Keys
        from agency in new[] { Requester, Receiver, Other }
        where agency != Commands[command].By
        select new object[] { command, agency };

    [Theory]
    [MemberData(nameof(EveryCommandByTheWrongAgency))]
    public void Each_command_is_refused_to_the_other_side_and_to_any_other_agency_even_in_a_state_that_allows_it(string command, string agency)
    {
        var (by, allowed, decide, _) = Commands[command];

        DecisionSpec.For<Referrals.Referral>(Referrals.Referral.Fold).Given(To(allowed[0])).When(s => decide(s, agency))
            .ThenRejected(by == Receiver ? "only the receiving agency" : "only the requesting agency");
    }

    [Fact]
    public void A_referral_cannot_be_accepted_after_it_was_cancelled() =>
        DecisionSpec.For<Referrals.Referral>(Referrals.Referral.Fold).Given(To(ReferralStatus.Cancelled))
            .When(s => ReferralAnswering.Decide(s, new AcceptReferral(Receiver, Now)))
            .ThenRejected("a referral that is cancelled cannot be accepted");

    [Fact]
    public void A_service_on_hold_resumes_and_is_completed_and_the_state_follows()
    {
        var state = To(ReferralStatus.OnHold).Aggregate((Referrals.Referral?)null, Referrals.Referral.Fold)!;
        state = ReferralProgress.Decide(state, new StartReferral(Receiver, Now)).Aggregate(state, Referrals.Referral.Fold);
        state = ReferralProgress.Decide(state, new CompleteReferral(Receiver, Now)).Aggregate(state, Referrals.Referral.Fold);

        Assert.Equal(ReferralStatus.Completed, state.Status);
        Assert.Equal(Now, state.LastChangedAt);
    }
}
