using Platform.Contracts.Intake;

namespace Platform.Intake.Cases.Assessing;

public sealed record AssessNeeds(IReadOnlyList<NeedLevel> Needs, IReadOnlyList<string> Strengths, DateTimeOffset Now);

/// <summary>An assessment made with the client: needs by domain and urgency, and the client's strengths. A reassessment appends.</summary>
public static class NeedsAssessment
{
    public static IReadOnlyList<object> Decide(Case state, AssessNeeds command)
    {
        state.MustBeOpen();
        return [new NeedsAssessed(command.Needs, command.Strengths, command.Now)];
    }
}
