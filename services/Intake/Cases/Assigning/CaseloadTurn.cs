using Marten;
using Platform.EventSourcing;

namespace Platform.Intake.Cases.Assigning;

/// <summary>
/// Assignments to one case manager take turns (<see cref="Turns"/>): the transaction that counts their open cases and appends the
/// assignment holds the turn until it commits, so the next one counts after it. Closing, transferring and reassigning only lower a
/// caseload, so they need no turn.
/// </summary>
public static class CaseloadTurn
{
    public static Task TakeAsync(this IDocumentSession session, string agencyId, string caseManagerId, CancellationToken ct) =>
        session.TakeTurnAsync($"caseload/{agencyId}/{caseManagerId}", ct);
}
