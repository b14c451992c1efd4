using Platform.Contracts.Intake;
using Platform.EventSourcing;

namespace Platform.Intake.Cases.Crises;

public sealed record ReportCrisis(Guid CrisisId, CrisisKind Kind, CrisisSeverity Severity, DateTimeOffset Now);

public sealed record ResolveCrisis(Guid CrisisId, DateTimeOffset Now);

public static class CaseCrises
{
    public static IReadOnlyList<object> Decide(Case state, ReportCrisis command)
    {
        state.MustBeOpen();
        return [new CrisisReported(command.CrisisId, command.Kind, command.Severity, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Case state, ResolveCrisis command)
    {
        state.MustBeOpen();
        return state.Crises.FirstOrDefault(c => c.Id == command.CrisisId) switch
        {
            null => throw new CommandRejectedException("No such crisis on this case."),
            { IsOpen: false } => throw new CommandRejectedException("The crisis is already resolved."),
            _ => [new CrisisResolved(command.CrisisId, command.Now)],
        };
    }
}
