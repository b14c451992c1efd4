using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Eligibility.Programs;

namespace Platform.Eligibility.Tests;

/// <summary>Programs as the shipped configuration describes them, built in code so the decision tests stand on their own.</summary>
public static class Programs
{
    private static readonly ServiceType[] AllServices = Enum.GetValues<ServiceType>();
    private static readonly ServiceType[] PreCertificationServices = AllServices.Except([ServiceType.Benefits, ServiceType.Education, ServiceType.Employment]).ToArray();

    public static readonly ProgramRule PreCertification = new("per-capita-pre-certification", "Per-capita pre-certification services", true,
        [ClientCategory.ForeignNational], [AgeGroup.Adult], false, WindowTrigger.Enrollment, [], 9, 0, [30, 14, 7], new ExtensionRule(1, 90), null, [],
        PreCertificationServices);

    public static readonly ProgramRule Certification = new("per-capita-certification", "Per-capita certification services", true,
        [ClientCategory.ForeignNational], [AgeGroup.Adult, AgeGroup.Minor], true, WindowTrigger.Letter, [LetterKind.HhsCertification, LetterKind.Eligibility],
        4, 0, [30, 14, 7], null, null, ["per-capita-pre-certification", "interim-assistance-minor"], AllServices);

    public static readonly ProgramRule InterimAssistance = new("interim-assistance-minor", "Interim assistance for a foreign national minor", true,
        [ClientCategory.ForeignNational], [AgeGroup.Minor], false, WindowTrigger.Letter, [LetterKind.InterimAssistance], 0, 90, [30, 14, 7],
        new ExtensionRule(1, 30), null, [], PreCertificationServices);

    public static readonly ProgramRule Shelter15 = new("shelter-stay-15", "Shelter stay (15 days)", false,
        [ClientCategory.ForeignNational, ClientCategory.UsCitizenOrPermanentResident], [AgeGroup.Adult, AgeGroup.Minor], false, WindowTrigger.Admission, [],
        0, 15, [7, 3, 1], null, null, [], []);

    public static readonly ProgramRule BenefitRenewal = new("benefit-renewal", "Public benefits certification period", false,
        [ClientCategory.ForeignNational, ClientCategory.UsCitizenOrPermanentResident], [AgeGroup.Adult, AgeGroup.Minor], false, WindowTrigger.Enrollment, [],
        6, 0, [30, 14, 7], null, 45, [], []);

    public static readonly IReadOnlyList<ProgramRule> All = [PreCertification, Certification, InterimAssistance, Shelter15, BenefitRenewal];
}
