using Platform.EventSourcing;

namespace Platform.Intake.Cases.Transferring;

public sealed record RequestTransfer(string ToAgencyId, DateTimeOffset Now);

public sealed record AcceptTransfer(string AgencyId, DateTimeOffset Now);

public sealed record DeclineTransfer(string AgencyId, DateTimeOffset Now);

/// <summary>The lead role moves only when the lead asks and the receiving agency accepts.</summary>
public static class CaseTransfer
{
    public static IReadOnlyList<object> Decide(Case state, RequestTransfer command)
    {
        state.MustBeOpen();
        if (command.ToAgencyId == state.LeadAgencyId) throw new CommandRejectedException("The case is already led by that agency.");
        if (state.PendingTransferTo is not null)
            throw new CommandRejectedException("A transfer is already waiting for an answer from the receiving agency.");
        return [new TransferRequested(command.ToAgencyId, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Case state, AcceptTransfer command)
    {
        state.MustBeOpen();
        if (state.PendingTransferTo != command.AgencyId) throw new CommandRejectedException("No transfer waits for this agency.");
        return [new TransferAccepted(state.LeadAgencyId, command.AgencyId, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Case state, DeclineTransfer command)
    {
        if (state.PendingTransferTo != command.AgencyId) throw new CommandRejectedException("No transfer waits for this agency.");
        return [new TransferDeclined(command.AgencyId, command.Now)];
    }

    /// <summary>The receiving agency may answer a transfer waiting for it; to anyone else the case does not exist.</summary>
    public static bool IsAskedToLead(this ServiceDefaults.Caller caller, Case c) => c.PendingTransferTo == caller.AgencyId;
}
