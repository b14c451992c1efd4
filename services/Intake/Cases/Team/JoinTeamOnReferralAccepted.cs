using Marten;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.EventSourcing;
using Platform.EventSourcing.Consumers;

namespace Platform.Intake.Cases.Team;

/// <summary>
/// A provider that accepts a referral joins the case team (what it may see still depends on the client's consent).
/// Nothing happens for a closed case, the lead agency itself, or an agency already on the team.
/// </summary>
public sealed class JoinTeamOnReferralAccepted(IDocumentStore store) : IdempotentConsumer<ReferralAccepted>(store)
{
    protected override async Task ApplyAsync(ReferralAccepted message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.FetchInTurnAsync<Case>(message.CaseId, cancellationToken);
        var state = stream.Aggregate;
        if (state is null || state.Status == CaseStatus.Closed || state.LeadAgencyId == message.ReceivingAgencyId
            || state.Team.Any(t => t.AgencyId == message.ReceivingAgencyId))
            return;
        stream.AppendMany(CaseTeam.Decide(state, new AddAgencyToTeam(message.ReceivingAgencyId, RoleFor(message.ServiceType), message.OccurredAt)));
    }

    public static TeamRole RoleFor(ServiceType service) => service switch
    {
        ServiceType.Shelter => TeamRole.Shelter,
        ServiceType.Medical or ServiceType.MentalHealth => TeamRole.Medical,
        ServiceType.Legal or ServiceType.ImmigrationLegal => TeamRole.Legal,
        ServiceType.Interpretation => TeamRole.Interpretation,
        ServiceType.Benefits => TeamRole.Benefits,
        _ => TeamRole.Other,
    };
}
