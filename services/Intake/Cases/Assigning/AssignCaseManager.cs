using Platform.EventSourcing;

namespace Platform.Intake.Cases.Assigning;

/// <param name="OpenCases">How many other open cases the case manager leads, counted in their turn (<see cref="CaseloadTurn"/>).</param>
public sealed record AssignCaseManager(string CaseManagerId, int OpenCases, int CaseloadLimit, DateTimeOffset Now);

/// <summary>A central case manager with a caseload that stays humane: beyond the limit, the assignment is refused.</summary>
public static class CaseManagerAssignment
{
    public static IReadOnlyList<object> Decide(Case state, AssignCaseManager command)
    {
        state.MustBeOpen();
        if (state.CaseManagerId == command.CaseManagerId) return [];
        if (command.OpenCases >= command.CaseloadLimit)
            throw new CaseloadFullException(command.CaseManagerId, command.OpenCases, command.CaseloadLimit);
        return [new CaseManagerAssigned(command.CaseManagerId, command.Now)];
    }
}

/// <summary>Answered 409 with the reason and the current caseload.</summary>
public sealed class CaseloadFullException(string caseManagerId, int openCases, int limit)
    : Exception($"The case manager already leads {openCases} open cases; the caseload limit is {limit}.")
{
    public string CaseManagerId { get; } = caseManagerId;
    public int OpenCases { get; } = openCases;
    public int Limit { get; } = limit;
}

/// <summary>The caseload limit per case manager (<c>Caseloads:Limit</c>).</summary>
public sealed class CaseloadOptions
{
    public const int DefaultLimit = 12;

    public int Limit { get; set; } = DefaultLimit;
}
