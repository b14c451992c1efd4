using Platform.Contracts.Intake;
using Platform.EventSourcing;

namespace Platform.Intake.Cases.Team;

public sealed record AddAgencyToTeam(string AgencyId, TeamRole Role, DateTimeOffset Now);

public sealed record RemoveAgencyFromTeam(string AgencyId, DateTimeOffset Now);

public static class CaseTeam
{
    public static IReadOnlyList<object> Decide(Case state, AddAgencyToTeam command)
    {
        state.MustBeOpen();
        if (command.AgencyId == state.LeadAgencyId)
            throw new CommandRejectedException("That agency leads the case; it is not added to the team.");
        if (state.Team.Any(t => t.AgencyId == command.AgencyId))
            throw new CommandRejectedException("That agency is already on the case team.");
        return [new AgencyJoinedCase(command.AgencyId, command.Role, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Case state, RemoveAgencyFromTeam command)
    {
        state.MustBeOpen();
        if (state.Team.All(t => t.AgencyId != command.AgencyId))
            throw new CommandRejectedException("That agency is not on the case team.");
        return [new AgencyLeftCase(command.AgencyId, command.Now)];
    }
}
