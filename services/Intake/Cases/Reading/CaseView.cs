using Platform.Contracts.Intake;

namespace Platform.Intake.Cases.Reading;

/// <summary>A case as an agency sees it through the API.</summary>
public sealed record CaseView(
    Guid Id,
    long Version,
    CaseStatus Status,
    string LeadAgencyId,
    ReferralSource ReferralSource,
    ClientCategory ClientCategory,
    AgeGroup AgeGroup,
    TraffickingType TraffickingType,
    string PreferredLanguage,
    bool InterpreterNeeded,
    DateTimeOffset OpenedAt,
    CaseClosureReason? ClosureReason,
    DateTimeOffset? ClosedAt)
{
    public static CaseView Of(Case c) =>
        new(c.Id, c.Version, c.Status, c.LeadAgencyId, c.ReferralSource, c.ClientCategory, c.AgeGroup, c.TraffickingType,
            c.PreferredLanguage, c.InterpreterNeeded, c.OpenedAt, c.ClosureReason, c.ClosedAt);
}
