using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Eligibility.Claims;
using Platform.Eligibility.Records;
using Platform.Eligibility.Records.Deadlines;
using Platform.Eligibility.Records.Enrolling;
using Platform.Eligibility.Records.Extending;
using Platform.Eligibility.Records.Letters;
using Platform.Eligibility.Records.Renewing;
using Platform.Testing;
using CertificationRecorded = Platform.Eligibility.Records.CertificationRecorded;
using ClaimVoided = Platform.Eligibility.Records.ClaimVoided;
using EligibilityExpired = Platform.Eligibility.Records.EligibilityExpired;
using EligibilityExpiring = Platform.Eligibility.Records.EligibilityExpiring;
using EligibilityRenewed = Platform.Eligibility.Records.EligibilityRenewed;
using EligibilityWindowClosed = Platform.Eligibility.Records.EligibilityWindowClosed;
using EnrolledInProgram = Platform.Eligibility.Records.EnrolledInProgram;
using ExtensionGranted = Platform.Eligibility.Records.ExtensionGranted;
using RenewalDue = Platform.Eligibility.Records.RenewalDue;
using ServiceClaimed = Platform.Eligibility.Records.ServiceClaimed;
using ServiceNotReimbursable = Platform.Eligibility.Records.ServiceNotReimbursable;

namespace Platform.Eligibility.Tests;

public sealed class EligibilityDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Guid WindowId = Guid.CreateVersion7();

    private static EligibilityRecordOpened Opened(ClientCategory category = ClientCategory.ForeignNational, AgeGroup age = AgeGroup.Adult) =>
        new(CaseId, "agency-lead", category, age, Now);

    private static readonly EnrolledInProgram PreCertification =
        new(WindowId, Programs.PreCertification, WindowTrigger.Enrollment, Today, new DateOnly(2026, 10, 9), null, Now);

    private static DecisionSpec<EligibilityRecord> Spec => DecisionSpec.For<EligibilityRecord>(EligibilityRecord.Fold);

    private static EligibilityRecord Fold(params object[] events) => events.Aggregate((EligibilityRecord?)null, EligibilityRecord.Fold)!;

    private static EligibilityRecord Raise(ref EligibilityRecord record, DateTimeOffset at, out IReadOnlyList<object> raised)
    {
        raised = Alerts.Decide(record, new RaiseDue(at));
        record = raised.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
        return record;
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [Fact]
    public void Enrollment_in_pre_certification_opens_a_nine_month_window_under_a_copy_of_the_rule()
    {
        Spec.Given(Opened())
            .When(r => Enrollment.Decide(r, new EnrollInProgram(WindowId, Programs.PreCertification, Today, Programs.All, Now)))
            .Then(PreCertification);
    }

    [Fact]
    public void A_us_citizen_has_no_per_capita_window_and_is_told_why_and_what_applies_instead()
    {
        Spec.Given(Opened(ClientCategory.UsCitizenOrPermanentResident))
            .When(r => Enrollment.Decide(r, new EnrollInProgram(WindowId, Programs.PreCertification, Today, Programs.All, Now)))
            .ThenRejected("serve foreign national victims only");
        var outcome = Spec.Given(Opened(ClientCategory.UsCitizenOrPermanentResident))
            .When(r => Enrollment.Decide(r, new EnrollInProgram(WindowId, Programs.PreCertification, Today, Programs.All, Now)));
        Assert.Contains("What applies: shelter-stay-15, shelter-stay-30, shelter-stay-60, benefit-renewal", outcome.Rejection);
        Spec.Given(Opened(ClientCategory.UsCitizenOrPermanentResident))
            .When(r => Letters.Decide(r, new RecordLetter(Guid.CreateVersion7(), LetterKind.HhsCertification, Today, "L-1", Programs.All, Now)))
            .ThenRejected("foreign national");
    }

    [Fact]
    public void Certification_opens_with_a_letter_only_and_a_minor_gets_no_hhs_certification_letter()
    {
        Spec.Given(Opened())
            .When(r => Enrollment.Decide(r, new EnrollInProgram(WindowId, Programs.Certification, Today, Programs.All, Now)))
            .ThenRejected("requires an HHS certification letter");
        Spec.Given(Opened(age: AgeGroup.Minor))
            .When(r => Letters.Decide(r, new RecordLetter(Guid.CreateVersion7(), LetterKind.HhsCertification, Today, "L-1", Programs.All, Now)))
            .ThenRejected("not an HHS certification letter");
        Spec.Given(Opened(), PreCertification)
            .When(r => Enrollment.Decide(r, new EnrollInProgram(Guid.CreateVersion7(), Programs.PreCertification, Today.AddDays(3), Programs.All, Now)))
            .ThenRejected("already has");
    }

    [Fact]
    public void A_certification_letter_closes_pre_certification_from_its_date_and_opens_four_months_of_certification_services()
    {
        var letterId = Guid.CreateVersion7();
        var letterDate = Today.AddDays(40);
        Spec.Given(Opened(), PreCertification)
            .When(r => Letters.Decide(r, new RecordLetter(letterId, LetterKind.HhsCertification, letterDate, "HHS-2026-0042", Programs.All, Now)))
            .Then(new CertificationRecorded(letterId, LetterKind.HhsCertification, letterDate, "HHS-2026-0042", Now),
                new EligibilityWindowClosed(WindowId, Programs.PreCertification.Id, WindowClosedReason.Superseded, letterDate, Now),
                new EnrolledInProgram(EligibilityRules.DerivedId(letterId, Programs.Certification.Id), Programs.Certification, WindowTrigger.Letter, letterDate,
                    letterDate.AddMonths(4).AddDays(-1), letterId, Now));
    }

    [Fact]
    public void An_interim_assistance_letter_gives_a_minor_90_days_from_the_letter()
    {
        var letterId = Guid.CreateVersion7();
        var events = Letters.Decide(Fold(Opened(age: AgeGroup.Minor)),
            new RecordLetter(letterId, LetterKind.InterimAssistance, Today, "IA-7", Programs.All, Now));
        var window = Assert.Single(events.OfType<EnrolledInProgram>());
        Assert.Equal(Programs.InterimAssistance.Id, window.Rule.Id);
        Assert.Equal(Today.AddDays(89), window.EndsOn);
    }

    [Fact]
    public void Each_threshold_fires_once_at_its_moment_then_the_expiry_once()
    {
        var record = Fold(Opened(), PreCertification);
        var end = PreCertification.EndsOn;

        Raise(ref record, StartOf(end.AddDays(-30)).AddSeconds(-1), out var none);
        Assert.Empty(none);
        Raise(ref record, StartOf(end.AddDays(-30)), out var thirty);
        Assert.Equal([new EligibilityExpiring(WindowId, Programs.PreCertification.Id, 30, end, StartOf(end.AddDays(-30)))], thirty);
        Raise(ref record, StartOf(end.AddDays(-30)).AddHours(5), out var again);
        Assert.Empty(again);
        Raise(ref record, StartOf(end.AddDays(-14)), out var fourteen);
        Assert.Equal(14, Assert.IsType<EligibilityExpiring>(Assert.Single(fourteen)).ThresholdDays);
        Raise(ref record, StartOf(end).AddHours(23), out var caughtUp);
        Assert.Equal(7, Assert.IsType<EligibilityExpiring>(Assert.Single(caughtUp)).ThresholdDays);
        Raise(ref record, StartOf(end.AddDays(1)).AddSeconds(-1), out var lastDay);
        Assert.Empty(lastDay);
        Raise(ref record, StartOf(end.AddDays(1)), out var expired);
        Assert.Equal([new EligibilityExpired(WindowId, Programs.PreCertification.Id, end, StartOf(end.AddDays(1)))], expired);
        Raise(ref record, StartOf(end.AddDays(100)), out var afterwards);
        Assert.Empty(afterwards);
        Assert.Null(record.NextDeadline);
    }

    [Fact]
    public void A_monitor_down_for_weeks_raises_every_missed_alert_once_in_order()
    {
        var record = Fold(Opened(), PreCertification);
        Raise(ref record, StartOf(PreCertification.EndsOn.AddDays(3)), out var raised);

        Assert.Equal(["EligibilityExpiring 30", "EligibilityExpiring 14", "EligibilityExpiring 7", "EligibilityExpired"],
            raised.Select(e => e is EligibilityExpiring x ? $"EligibilityExpiring {x.ThresholdDays}" : e.GetType().Name));
    }

    [Fact]
    public void An_extension_moves_the_end_and_rearms_the_thresholds_still_ahead_within_the_rule()
    {
        var end = PreCertification.EndsOn;
        var record = Fold(Opened(), PreCertification);
        Raise(ref record, StartOf(end.AddDays(-10)), out _);
        var grantedAt = StartOf(end.AddDays(-10)).AddHours(10);

        var extension = Extensions.Decide(record, new ExtendWindow(WindowId, 60, grantedAt));
        Assert.Equal([new ExtensionGranted(WindowId, Programs.PreCertification.Id, 60, end.AddDays(60), grantedAt)], extension);
        record = extension.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
        Raise(ref record, StartOf(end.AddDays(60 - 30)), out var thirty);
        Assert.Equal(30, Assert.IsType<EligibilityExpiring>(Assert.Single(thirty)).ThresholdDays);
        Assert.Equal(end.AddDays(60), ((EligibilityExpiring)thirty[0]).EndsOn);

        Spec.Given(Opened(), PreCertification, extension[0])
            .When(r => Extensions.Decide(r, new ExtendWindow(WindowId, 10, grantedAt))).ThenRejected("allows 1 extension");
        Spec.Given(Opened(), PreCertification)
            .When(r => Extensions.Decide(r, new ExtendWindow(WindowId, 91, Now))).ThenRejected("at most 90 days");
        Spec.Given(Opened(), new EnrolledInProgram(WindowId, Programs.Shelter15, WindowTrigger.Admission, Today, Today.AddDays(14), null, Now))
            .When(r => Extensions.Decide(r, new ExtendWindow(WindowId, 5, Now))).ThenRejected("cannot be extended");
    }

    [Fact]
    public void A_window_keeps_the_rule_it_was_opened_under_when_the_configuration_changes()
    {
        var stricter = Programs.PreCertification with { Extension = null, WarningDays = [60] };
        var record = Fold(Opened(), PreCertification);

        Assert.Equal(Programs.PreCertification.Extension, record.Window(WindowId)!.Rule.Extension);
        Assert.Single(Extensions.Decide(record, new ExtendWindow(WindowId, 30, Now)));
        var later = Enrollment.Decide(Fold(Opened()), new EnrollInProgram(WindowId, stricter, Today, [stricter], Now));
        Assert.Equal([60], Assert.IsType<EnrolledInProgram>(Assert.Single(later)).Rule.WarningDays);
    }

    [Fact]
    public void A_renewable_benefit_raises_renewal_due_once_and_a_renewal_starts_the_next_period()
    {
        var benefit = new EnrolledInProgram(WindowId, Programs.BenefitRenewal, WindowTrigger.Enrollment, Today, Today.AddMonths(6).AddDays(-1), null, Now);
        var record = Fold(Opened(ClientCategory.UsCitizenOrPermanentResident), benefit);
        Raise(ref record, StartOf(benefit.EndsOn.AddDays(-45)), out var due);
        Assert.Equal([new RenewalDue(WindowId, Programs.BenefitRenewal.Id, benefit.EndsOn, StartOf(benefit.EndsOn.AddDays(-45)))], due);
        Raise(ref record, StartOf(benefit.EndsOn.AddDays(-44)), out var again);
        Assert.Empty(again);

        var renewedAt = StartOf(benefit.EndsOn.AddDays(-20));
        Assert.Equal([new EligibilityRenewed(WindowId, Programs.BenefitRenewal.Id, benefit.EndsOn.AddDays(1).AddMonths(6).AddDays(-1), renewedAt)],
            Renewals.Decide(record, new RenewWindow(WindowId, renewedAt)));
        Spec.Given(Opened(), PreCertification).When(r => Renewals.Decide(r, new RenewWindow(WindowId, Now))).ThenRejected("not renewed");
    }

    private static ClaimService Delivery(DateOnly on, ServiceType type = ServiceType.CaseManagement, Guid? id = null, Guid? referral = null) =>
        new(id ?? Guid.CreateVersion7(), referral ?? Guid.CreateVersion7(), "agency-clinic", "agency-lead", type, on, 2, ServiceUnit.Hours, Now);

    [Fact]
    public void A_delivery_inside_an_open_covering_window_is_claimed_once_and_otherwise_recorded_with_the_reason()
    {
        var inside = Delivery(Today.AddDays(5));
        var claimed = Ledger.Decide(Fold(Opened(), PreCertification), inside);
        Assert.Equal([new ServiceClaimed(CaseId, inside.ServiceRecordId, inside.ReferralId, "agency-clinic", "agency-lead", ServiceType.CaseManagement,
            inside.DeliveredOn, 2, ServiceUnit.Hours, WindowId, Programs.PreCertification.Id, Programs.PreCertification.Name, Now)], claimed);
        Spec.Given(Opened(), PreCertification, claimed[0]).When(r => Ledger.Decide(r, inside)).Then();

        NotReimbursableReason Reason(EligibilityRecord record, ClaimService c) =>
            Assert.IsType<ServiceNotReimbursable>(Assert.Single(Ledger.Decide(record, c))).Reason;
        Assert.Equal(NotReimbursableReason.OutsideWindow, Reason(Fold(Opened(), PreCertification), Delivery(Today.AddDays(-1))));
        Assert.Equal(NotReimbursableReason.OutsideWindow, Reason(Fold(Opened(), PreCertification), Delivery(PreCertification.EndsOn.AddDays(1))));
        Assert.Equal(NotReimbursableReason.ServiceNotCovered, Reason(Fold(Opened(), PreCertification), Delivery(Today, ServiceType.Employment)));
        Assert.Equal(NotReimbursableReason.NoPerCapitaWindow, Reason(Fold(Opened()), Delivery(Today)));
        Assert.Equal(NotReimbursableReason.ClientCategoryNotEligible, Reason(Fold(Opened(ClientCategory.UsCitizenOrPermanentResident)), Delivery(Today)));
    }

    [Fact]
    public void A_service_or_referral_entered_in_error_voids_its_claims_once()
    {
        var referral = Guid.CreateVersion7();
        var (first, second, other) = (Delivery(Today, referral: referral), Delivery(Today.AddDays(1), referral: referral), Delivery(Today.AddDays(2)));
        var record = new[] { first, second, other }.Aggregate(Fold(Opened(), PreCertification),
            (r, d) => Ledger.Decide(r, d).Aggregate(r, (s, e) => EligibilityRecord.Fold(s, e)));

        var voided = Ledger.Decide(record, new VoidClaims(first.ServiceRecordId, null, Now));
        Assert.Equal([new ClaimVoided(first.ServiceRecordId, Programs.PreCertification.Id, ClaimVoidReason.ServiceEnteredInError, Now)], voided);
        record = voided.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
        Assert.Equal([new ClaimVoided(second.ServiceRecordId, Programs.PreCertification.Id, ClaimVoidReason.ReferralEnteredInError, Now)],
            Ledger.Decide(record, new VoidClaims(null, referral, Now)));
        Assert.Empty(Ledger.Decide(record, first));
    }

    /// <summary>Random windows (enrolled, certified, extended) and random deliveries, some delivered twice, for many seeds.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    [InlineData(31337)]
    public void No_claim_falls_outside_an_open_covering_window_and_each_delivery_is_decided_once(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var minor = random.Next(2) == 0;
            var record = Fold(Opened(age: minor ? AgeGroup.Minor : AgeGroup.Adult));
            var start = Today.AddDays(random.Next(-200, 200));
            IReadOnlyList<object> opened = minor
                ? Letters.Decide(record, new RecordLetter(Guid.NewGuid(), LetterKind.InterimAssistance, start, "IA-1", Programs.All, Now))
                : Enrollment.Decide(record, new EnrollInProgram(Guid.NewGuid(), Programs.PreCertification, start, Programs.All, Now));
            record = opened.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
            if (random.Next(3) == 0)
            {
                var window = record.Windows[0];
                var extended = Extensions.Decide(record, new ExtendWindow(window.Id, random.Next(1, 30), Window.StartOf(window.EndsOn.AddDays(-5))));
                record = extended.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
            }
            if (random.Next(2) == 0)
            {
                var letter = Letters.Decide(record, new RecordLetter(Guid.NewGuid(), minor ? LetterKind.Eligibility : LetterKind.HhsCertification,
                    start.AddDays(random.Next(0, 400)), "C-1", Programs.All, Now));
                record = letter.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
            }

            var deliveries = Enumerable.Range(0, 30)
                .Select(_ => Delivery(start.AddDays(random.Next(-60, 500)), Enum.GetValues<ServiceType>()[random.Next(12)])).ToList();
            var sent = deliveries.Concat(deliveries.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
            var decided = new List<object>();
            foreach (var delivery in sent)
            {
                var events = Ledger.Decide(record, delivery);
                decided.AddRange(events);
                record = events.Aggregate(record, (r, e) => EligibilityRecord.Fold(r, e));
            }

            var windows = record.Windows;
            foreach (var claim in decided.OfType<ServiceClaimed>())
            {
                var window = Assert.Single(windows, w => w.Id == claim.WindowId);
                Assert.True(window.Rule.PerCapita && window.IsOpenOn(claim.DeliveredOn) && window.Rule.Covers.Contains(claim.ServiceType),
                    $"seed {seed}: {claim.DeliveredOn} claimed under a window {window.StartsOn}..{window.EndsOn} closed {window.ClosedOn}");
            }
            foreach (var refused in decided.OfType<ServiceNotReimbursable>())
                Assert.DoesNotContain(windows, w => w.Rule.PerCapita && w.IsOpenOn(refused.DeliveredOn) && w.Rule.Covers.Contains(refused.ServiceType));
            var decidedIds = decided.Select(e => e switch { ServiceClaimed c => c.ServiceRecordId, ServiceNotReimbursable n => n.ServiceRecordId, _ => Guid.Empty });
            Assert.Equal(deliveries.Select(d => d.ServiceRecordId).Order(), decidedIds.Order());
        }
    }

    [Fact]
    public void The_claims_csv_has_a_header_one_line_per_claimed_service_and_a_total_quoted_after_rfc_4180()
    {
        var caseId = Guid.CreateVersion7();
        ClaimLine Line(string programName, decimal units) => new(Guid.CreateVersion7(), caseId, Guid.CreateVersion7(), "agency-clinic", "agency-lead",
            ServiceType.MentalHealth, new DateOnly(2026, 11, 3), "2026-11", units, ServiceUnit.Sessions, Guid.CreateVersion7(), "per-capita-certification",
            programName, false);
        var lines = new[] { Line("Certification, \"per capita\"", 1.5m), Line("Plain", 2) };

        var csv = ClaimsCsv.Write(lines);

        var rows = csv.Split("\r\n");
        Assert.Equal(4, rows.Length - 1);
        Assert.Equal("", rows[^1]);
        Assert.Equal("case_id,service_record_id,delivered_on,service_type,units,unit,program_id,program,provider_agency_id", rows[0]);
        Assert.Equal($"{caseId},{lines[0].Id},2026-11-03,mental-health,1.5,sessions,per-capita-certification,\"Certification, \"\"per capita\"\"\",agency-clinic",
            rows[1]);
        Assert.Equal("Total,2 services,,,3.5,sessions,,,", rows[3]);
        Assert.Equal("\"a\r\nb\"", ClaimsCsv.Field("a\r\nb"));
        Assert.Equal(ClaimsCsv.Header.Length, ParseRfc4180(rows[1]).Count);
    }

    /// <summary>A minimal RFC 4180 field reader, as a spreadsheet reads a line.</summary>
    private static List<string> ParseRfc4180(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
