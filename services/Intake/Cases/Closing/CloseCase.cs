using Platform.Contracts.Intake;
using Platform.EventSourcing;

namespace Platform.Intake.Cases.Closing;

public sealed record CloseCase(CaseClosureReason Reason, DateTimeOffset Now);

public sealed record ReopenCase(DateTimeOffset Now);

public static class CaseClosing
{
    public static IReadOnlyList<object> Decide(Case state, CloseCase command) =>
        state.Status == CaseStatus.Closed
            ? throw new CommandRejectedException("The case is already closed.")
            : [new CaseClosed(command.Reason, command.Now)];

    public static IReadOnlyList<object> Decide(Case state, ReopenCase command) =>
        state.Status != CaseStatus.Closed
            ? throw new CommandRejectedException("The case is open; only a closed case can be reopened.")
            : [new CaseReopened(command.Now)];
}
