using Platform.Contracts.Intake;

namespace Platform.Intake.Cases.Opening;

/// <summary>Open a case for a client who came to the caller's agency; that agency becomes the lead.</summary>
public sealed record OpenCase(
    Guid CaseId,
    string AgencyId,
    ReferralSource ReferralSource,
    ClientCategory ClientCategory,
    AgeGroup AgeGroup,
    TraffickingType TraffickingType,
    string PreferredLanguage,
    bool InterpreterNeeded,
    DateTimeOffset Now,
    string? Label = null);

public static class CaseOpening
{
    public static CaseOpened Decide(OpenCase command) =>
        new(command.CaseId, command.AgencyId, command.ReferralSource, command.ClientCategory, command.AgeGroup,
            command.TraffickingType, command.PreferredLanguage, command.InterpreterNeeded, command.Now, command.Label);
}
