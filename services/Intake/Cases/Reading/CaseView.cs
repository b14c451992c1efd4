using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Intake.Cases.Consents;

namespace Platform.Intake.Cases.Reading;

/// <summary>
/// A case as one agency may see it: what every entitled agency sees (id, status, lead, dates), the client's
/// circumstances only with the needs category, and the team and consents only for the lead agency.
/// </summary>
public sealed record CaseView(
    Guid Id,
    long Version,
    CaseStatus Status,
    string LeadAgencyId,
    DateTimeOffset OpenedAt,
    CaseClosureReason? ClosureReason,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<InformationCategory> VisibleCategories,
    ReferralSource? ReferralSource = null,
    ClientCategory? ClientCategory = null,
    AgeGroup? AgeGroup = null,
    TraffickingType? TraffickingType = null,
    string? PreferredLanguage = null,
    bool? InterpreterNeeded = null,
    Assessment? Assessment = null,
    IReadOnlyList<Crisis>? Crises = null,
    IReadOnlyList<TeamMember>? Team = null,
    IReadOnlyList<ConsentView>? Consents = null,
    string? Label = null,
    string? CaseManagerId = null)
{
    public static CaseView Of(Case c, IReadOnlySet<InformationCategory> visible, bool lead)
    {
        var view = new CaseView(c.Id, c.Version, c.Status, c.LeadAgencyId, c.OpenedAt, c.ClosureReason, c.ClosedAt,
            visible.Order().ToList());
        if (visible.Contains(InformationCategory.Needs))
            view = view with
            {
                ReferralSource = c.ReferralSource,
                ClientCategory = c.ClientCategory,
                AgeGroup = c.AgeGroup,
                TraffickingType = c.TraffickingType,
                PreferredLanguage = c.PreferredLanguage,
                InterpreterNeeded = c.InterpreterNeeded,
                Assessment = c.Assessment,
                Crises = c.Crises,
            };
        return lead
            ? view with { Team = c.Team, Consents = c.Consents.Select(ConsentView.Of).ToList(), Label = c.Label, CaseManagerId = c.CaseManagerId }
            : view;
    }
}
