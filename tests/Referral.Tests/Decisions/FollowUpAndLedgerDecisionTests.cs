using Platform.Contracts.Intake;
using FailureReason = Platform.Contracts.Referral.FailureReason;
using FollowUpReason = Platform.Contracts.Referral.FollowUpReason;
using RejectionReason = Platform.Contracts.Referral.RejectionReason;
using ServiceType = Platform.Contracts.Referral.ServiceType;
using ServiceUnit = Platform.Contracts.Referral.ServiceUnit;
using Platform.Referral.Directory;
using Platform.Referral.Referrals;
using Platform.Referral.Referrals.FollowUp;
using Platform.Referral.Referrals.Ledger;
using Platform.Referral.Referrals.Requesting;
using Platform.EventSourcing;
using Platform.Testing;

namespace Platform.Referral.Tests.Decisions;

public sealed class FollowUpAndLedgerDecisionTests
{
    private const string Requester = "agency-lead";
    private const string Receiver = "agency-clinic";
    private static readonly Guid Case = Guid.Parse("0195f0a0-0000-7000-8000-000000000011");
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Answer = TimeSpan.FromHours(72);
    private static readonly TimeSpan Update = TimeSpan.FromDays(14);

    private static readonly ReferralRequested Requested = new(Guid.Parse("0195f0a0-0000-7000-8000-000000000012"), Case, Requester, Receiver,
        Guid.Parse("0195f0a0-0000-7000-8000-000000000013"), Guid.Parse("0195f0a0-0000-7000-8000-000000000014"), ServiceType.Medical,
        NeedDomain.Medical, "ro", true, T0);

    private static DecisionSpec<Referrals.Referral> Spec() => DecisionSpec.For<Referrals.Referral>(Referrals.Referral.Fold);

    private static RaiseFollowUp At(DateTimeOffset now) => new(now, Answer, Update);

    [Fact]
    public void A_request_with_no_answer_within_the_window_raises_a_follow_up_due_at_the_end_of_the_window() =>
        Spec().Given(Requested).When(s => ReferralFollowUp.Decide(s, At(T0 + Answer + TimeSpan.FromMinutes(1))))
            .Then(new FollowUpDue(Case, Requester, Receiver, FollowUpReason.NoAnswer, T0 + Answer, T0 + Answer + TimeSpan.FromMinutes(1)));

    [Fact]
    public void Nothing_is_due_before_the_window_ends() =>
        Spec().Given(Requested).When(s => ReferralFollowUp.Decide(s, At(T0 + Answer - TimeSpan.FromSeconds(1)))).Then();

    [Fact]
    public void A_lapse_raises_its_follow_up_once() =>
        Spec().Given(Requested, new FollowUpDue(Case, Requester, Receiver, FollowUpReason.NoAnswer, T0 + Answer, T0 + Answer))
            .When(s => ReferralFollowUp.Decide(s, At(T0 + Answer * 3))).Then();

    [Fact]
    public void An_update_re_arms_the_follow_up_for_the_next_lapse()
    {
        var accepted = T0 + Answer + TimeSpan.FromHours(1);
        Spec().Given(Requested, new FollowUpDue(Case, Requester, Receiver, FollowUpReason.NoAnswer, T0 + Answer, T0 + Answer),
                new ReferralAccepted(Case, Receiver, ServiceType.Medical, accepted))
            .When(s => ReferralFollowUp.Decide(s, At(accepted + Update)))
            .Then(new FollowUpDue(Case, Requester, Receiver, FollowUpReason.NoUpdate, accepted + Update, accepted + Update));
    }

    [Fact]
    public void A_referral_on_hold_or_ended_raises_no_follow_up() =>
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0), new ReferralStarted(Case, Receiver, T0),
                new ReferralPutOnHold(Case, Receiver, T0))
            .When(s => ReferralFollowUp.Decide(s, At(T0 + Update * 10))).Then();

    [Fact]
    public void A_delivered_service_counts_as_an_update() =>
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0),
                new ServiceDelivered(Case, Guid.NewGuid(), Receiver, ServiceType.Medical, new DateOnly(2026, 3, 10), 1, ServiceUnit.Visits,
                    T0.AddDays(8)))
            .When(s => ReferralFollowUp.Decide(s, At(T0 + Update + TimeSpan.FromDays(1)))).Then();

    private static readonly Guid Record = Guid.Parse("0195f0a0-0000-7000-8000-000000000015");

    private static RecordDeliveredService Deliver(string by, DateOnly on) =>
        new(by, Record, ServiceType.Medical, on, 2, ServiceUnit.Hours, T0.AddDays(3));

    [Fact]
    public void The_receiving_agency_records_a_service_delivered_on_an_accepted_referral() =>
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0))
            .When(s => ServiceLedger.Decide(s, Deliver(Receiver, new DateOnly(2026, 3, 4))))
            .Then(new ServiceDelivered(Case, Record, Receiver, ServiceType.Medical, new DateOnly(2026, 3, 4), 2, ServiceUnit.Hours, T0.AddDays(3)));

    [Fact]
    public void No_service_is_recorded_on_a_referral_that_was_never_accepted() =>
        Spec().Given(Requested).When(s => ServiceLedger.Decide(s, Deliver(Receiver, new DateOnly(2026, 3, 4))))
            .ThenRejected("cannot be given services");

    [Fact]
    public void Only_the_receiving_agency_records_services() =>
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0))
            .When(s => ServiceLedger.Decide(s, Deliver(Requester, new DateOnly(2026, 3, 4))))
            .ThenRejected("only the receiving agency");

    [Fact]
    public void A_service_cannot_be_recorded_for_a_day_still_to_come() =>
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0))
            .When(s => ServiceLedger.Decide(s, Deliver(Receiver, new DateOnly(2026, 3, 9))))
            .ThenRejected("once it was delivered");

    [Fact]
    public void A_wrong_service_record_is_marked_once_and_stays_on_record()
    {
        var delivered = new ServiceDelivered(Case, Record, Receiver, ServiceType.Medical, new DateOnly(2026, 3, 4), 2, ServiceUnit.Hours, T0);
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0), delivered)
            .When(s => ServiceLedger.Decide(s, new MarkServiceEnteredInError(Receiver, Record, T0.AddDays(4))))
            .Then(new ServiceEnteredInError(Case, Record, Receiver, T0.AddDays(4)));
        Spec().Given(Requested, new ReferralAccepted(Case, Receiver, ServiceType.Medical, T0), delivered,
                new ServiceEnteredInError(Case, Record, Receiver, T0.AddDays(4)))
            .When(s => ServiceLedger.Decide(s, new MarkServiceEnteredInError(Receiver, Record, T0.AddDays(5))))
            .ThenRejected("already marked");
    }

    private static Organization Provider(ServiceStatus status) =>
        Organization.Create(new OrganizationRegistered(Guid.NewGuid(), Receiver, "Synthetic clinic", T0)) with
        {
            Services = [new DirectoryService(Requested.ServiceId, new ServiceOffer(ServiceType.Medical, status, ["ro"], [], null, null, [], false,
                new ServiceHours(true, []), []))],
        };

    [Fact]
    public void A_referral_names_the_case_the_need_and_the_provider_never_the_client()
    {
        var requested = ReferralRequesting.Decide(new RequestReferral(Requested.ReferralId, Case, Requester, Provider(ServiceStatus.Active),
            Requested.ServiceId, NeedDomain.Medical, "ro", true, T0));

        Assert.Equal(Receiver, requested.ReceivingAgencyId);
        Assert.Equal(ServiceType.Medical, requested.ServiceType);
    }

    [Fact]
    public void A_service_that_is_not_active_takes_no_referral_and_an_agency_does_not_refer_to_itself()
    {
        Assert.Throws<CommandRejectedException>(() => ReferralRequesting.Decide(new RequestReferral(Guid.NewGuid(), Case, Requester,
            Provider(ServiceStatus.TemporarilyClosed), Requested.ServiceId, NeedDomain.Medical, "ro", true, T0)));
        Assert.Throws<CommandRejectedException>(() => ReferralRequesting.Decide(new RequestReferral(Guid.NewGuid(), Case, Receiver,
            Provider(ServiceStatus.Active), Requested.ServiceId, NeedDomain.Medical, "ro", true, T0)));
    }
}
