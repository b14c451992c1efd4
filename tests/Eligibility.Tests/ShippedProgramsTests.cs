using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Eligibility.Programs;

namespace Platform.Eligibility.Tests;

/// <summary>The clocks the study names, as the shipped configuration sets them.</summary>
public sealed class ShippedProgramsTests
{
    [Fact]
    public void Pre_certification_services_run_nine_months_from_enrollment_for_a_foreign_national_adult()
    {
        Assert.Equal((9, 0), (Programs.PreCertification.LengthMonths, Programs.PreCertification.LengthDays));
        Assert.Equal(WindowTrigger.Enrollment, Programs.PreCertification.OpensWith);
        Assert.Equal([ClientCategory.ForeignNational], Programs.PreCertification.ClientCategories);
        Assert.Equal([AgeGroup.Adult], Programs.PreCertification.AgeGroups);
    }

    [Fact]
    public void Certification_services_run_four_months_from_the_letter_and_supersede_pre_certification()
    {
        Assert.Equal((4, 0), (Programs.Certification.LengthMonths, Programs.Certification.LengthDays));
        Assert.Equal(WindowTrigger.Letter, Programs.Certification.OpensWith);
        Assert.Contains(Programs.PreCertification.Id, Programs.Certification.Supersedes);
    }

    [Theory]
    [InlineData("shelter-stay-15", 15)]
    [InlineData("shelter-stay-30", 30)]
    [InlineData("shelter-stay-60", 60)]
    public void Shelter_stays_of_15_30_and_60_days_open_on_admission(string id, int days)
    {
        var stay = Assert.Single(Programs.All, p => p.Id == id);

        Assert.Equal((0, days), (stay.LengthMonths, stay.LengthDays));
        Assert.Equal(WindowTrigger.Admission, stay.OpensWith);
        Assert.False(stay.PerCapita);
    }

    [Fact]
    public void Benefit_renewal_gives_notice_before_the_certification_period_ends()
    {
        Assert.NotNull(Programs.BenefitRenewal.RenewalNoticeDays);
        Assert.True(Programs.BenefitRenewal.RenewalNoticeDays > 0);
    }
}
