using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Closing;
using Platform.Intake.Cases.Consents;
using Platform.Intake.Cases.Team;
using Platform.Testing;
using AgencyJoinedCase = Platform.Intake.Cases.AgencyJoinedCase;
using AgencyLeftCase = Platform.Intake.Cases.AgencyLeftCase;
using CaseClosed = Platform.Intake.Cases.CaseClosed;
using CaseOpened = Platform.Intake.Cases.CaseOpened;
using ConsentExpired = Platform.Intake.Cases.ConsentExpired;
using ConsentGranted = Platform.Intake.Cases.ConsentGranted;
using ConsentRevoked = Platform.Intake.Cases.ConsentRevoked;

namespace Platform.Intake.Tests.Decisions;

public sealed class TeamAndConsentDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid ConsentId = Guid.CreateVersion7();
    private static readonly InformationCategory[] Legal = [InformationCategory.Legal];

    private static CaseOpened Opened(AgeGroup age = AgeGroup.Adult) => new(Guid.CreateVersion7(), "agency-lead",
        ReferralSource.Hotline, ClientCategory.ForeignNational, age, TraffickingType.Labor, "es", true, Now);

    private static readonly AgencyJoinedCase ClinicJoined = new("agency-clinic", TeamRole.Medical, Now);

    private static ConsentGranted Granted(DateTimeOffset expires) =>
        new(ConsentId, "agency-clinic", Legal, expires, ConsentGiver.Client, "release-0001", Now);

    private static GrantConsent Grant(ConsentGiver by = ConsentGiver.Client, string agency = "agency-clinic", DateTimeOffset? expires = null) =>
        new(ConsentId, agency, Legal, expires ?? Now.AddDays(90), by, "release-0001", Now);

    private static DecisionSpec<Case> Spec => DecisionSpec.For<Case>(Case.Fold);

    [Fact]
    public void An_agency_joins_the_team_of_an_open_case() =>
        Spec.Given(Opened())
            .When(s => CaseTeam.Decide(s, new AddAgencyToTeam("agency-clinic", TeamRole.Medical, Now)))
            .Then(ClinicJoined);

    [Fact]
    public void The_lead_agency_is_not_added_to_its_own_team() =>
        Spec.Given(Opened())
            .When(s => CaseTeam.Decide(s, new AddAgencyToTeam("agency-lead", TeamRole.Other, Now)))
            .ThenRejected("leads the case");

    [Fact]
    public void An_agency_joins_a_team_once() =>
        Spec.Given(Opened(), ClinicJoined)
            .When(s => CaseTeam.Decide(s, new AddAgencyToTeam("agency-clinic", TeamRole.Medical, Now)))
            .ThenRejected("already on the case team");

    [Fact]
    public void A_closed_case_accepts_no_new_team_member() =>
        Spec.Given(Opened(), new CaseClosed(CaseClosureReason.Other, Now))
            .When(s => CaseTeam.Decide(s, new AddAgencyToTeam("agency-clinic", TeamRole.Medical, Now)))
            .ThenRejected("closed");

    [Fact]
    public void An_agency_not_on_the_team_cannot_be_removed() =>
        Spec.Given(Opened())
            .When(s => CaseTeam.Decide(s, new RemoveAgencyFromTeam("agency-clinic", Now)))
            .ThenRejected("not on the case team");

    [Fact]
    public void An_adult_client_consents_for_a_team_agency() =>
        Spec.Given(Opened(), ClinicJoined)
            .When(s => CaseConsents.Decide(s, Grant()))
            .Then(Granted(Now.AddDays(90)));

    [Fact]
    public void Consent_is_given_only_to_an_agency_of_the_team() =>
        Spec.Given(Opened())
            .When(s => CaseConsents.Decide(s, Grant()))
            .ThenRejected("add the agency to the team first");

    [Fact]
    public void For_a_minor_a_guardian_consents_not_the_minor() =>
        Spec.Given(Opened(AgeGroup.Minor), ClinicJoined)
            .When(s => CaseConsents.Decide(s, Grant(ConsentGiver.Client)))
            .ThenRejected("a guardian gives consent");

    [Fact]
    public void For_an_adult_only_the_client_consents_not_a_guardian() =>
        Spec.Given(Opened(AgeGroup.Adult), ClinicJoined)
            .When(s => CaseConsents.Decide(s, Grant(ConsentGiver.Guardian)))
            .ThenRejected("the client gives consent");

    [Fact]
    public void A_guardians_consent_for_a_minor_is_recorded()
    {
        var outcome = Spec.Given(Opened(AgeGroup.Minor), ClinicJoined).When(s => CaseConsents.Decide(s, Grant(ConsentGiver.Guardian)));

        Assert.Equal(ConsentGiver.Guardian, Assert.IsType<ConsentGranted>(Assert.Single(outcome.Events)).GivenBy);
    }

    [Fact]
    public void A_consent_must_end_in_the_future() =>
        Spec.Given(Opened(), ClinicJoined)
            .When(s => CaseConsents.Decide(s, Grant(expires: Now)))
            .ThenRejected("expire in the future");

    [Fact]
    public void A_closed_case_takes_no_new_consent() =>
        Spec.Given(Opened(), ClinicJoined, new CaseClosed(CaseClosureReason.Other, Now))
            .When(s => CaseConsents.Decide(s, Grant()))
            .ThenRejected("closed");

    [Fact]
    public void A_consent_in_force_can_be_revoked_even_on_a_closed_case() =>
        Spec.Given(Opened(), ClinicJoined, Granted(Now.AddDays(1)), new CaseClosed(CaseClosureReason.Other, Now))
            .When(s => CaseConsents.Decide(s, new RevokeConsent(ConsentId, Now.AddHours(1))))
            .Then(new ConsentRevoked(ConsentId, "agency-clinic", Now.AddHours(1)));

    [Fact]
    public void A_revoked_consent_cannot_be_revoked_again() =>
        Spec.Given(Opened(), ClinicJoined, Granted(Now.AddDays(1)), new ConsentRevoked(ConsentId, "agency-clinic", Now))
            .When(s => CaseConsents.Decide(s, new RevokeConsent(ConsentId, Now.AddHours(1))))
            .ThenRejected("not in force");

    [Fact]
    public void A_consent_expires_once_at_its_time_and_not_before() =>
        Spec.Given(Opened(), ClinicJoined, Granted(Now.AddDays(1)))
            .When(s => CaseConsents.Decide(s, new ExpireConsent(ConsentId, Now.AddHours(23))))
            .Then();

    [Fact]
    public void A_due_consent_expires() =>
        Spec.Given(Opened(), ClinicJoined, Granted(Now.AddDays(1)))
            .When(s => CaseConsents.Decide(s, new ExpireConsent(ConsentId, Now.AddDays(1))))
            .Then(new ConsentExpired(ConsentId, "agency-clinic", Now.AddDays(1)));

    [Fact]
    public void An_expired_consent_does_not_expire_twice() =>
        Spec.Given(Opened(), ClinicJoined, Granted(Now.AddDays(1)), new ConsentExpired(ConsentId, "agency-clinic", Now.AddDays(1)))
            .When(s => CaseConsents.Decide(s, new ExpireConsent(ConsentId, Now.AddDays(2))))
            .Then();

    [Fact]
    public void An_agency_that_leaves_the_team_loses_its_consents()
    {
        var state = new object[] { Opened(), ClinicJoined, Granted(Now.AddDays(1)), new AgencyLeftCase("agency-clinic", Now) }
            .Aggregate((Case?)null, Case.Fold)!;

        Assert.Empty(state.Team);
        Assert.Empty(state.Consents);
        Assert.Empty(state.Access.VisibleTo(new ServiceDefaults.Caller("agency-clinic", "u", new HashSet<string> { "provider" }), Now));
    }

    [Fact]
    public void A_team_agency_sees_only_the_categories_of_its_unexpired_consents()
    {
        var state = new object[] { Opened(), ClinicJoined, Granted(Now.AddDays(1)) }.Aggregate((Case?)null, Case.Fold)!;
        var clinic = new ServiceDefaults.Caller("agency-clinic", "u", new HashSet<string> { "provider" });

        Assert.Equal(Legal, state.Access.VisibleTo(clinic, Now));
        Assert.Empty(state.Access.VisibleTo(clinic, Now.AddDays(1)));
    }
}
