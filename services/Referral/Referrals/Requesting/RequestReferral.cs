using Platform.Contracts.Intake;
using Platform.EventSourcing;
using Platform.Referral.Directory;

namespace Platform.Referral.Referrals.Requesting;

/// <summary>Ask the provider of a directory service to serve the client of a case: the need and language, never who the client is.</summary>
public sealed record RequestReferral(
    Guid ReferralId,
    Guid CaseId,
    string AgencyId,
    Organization Provider,
    Guid ServiceId,
    NeedDomain Need,
    string Language,
    bool InterpreterNeeded,
    DateTimeOffset Now);

public static class ReferralRequesting
{
    public static ReferralRequested Decide(RequestReferral command)
    {
        var service = command.Provider.Services.FirstOrDefault(s => s.Id == command.ServiceId)
            ?? throw new CommandRejectedException("The provider does not list that service.");
        if (service.Offer.Status != ServiceStatus.Active)
            throw new CommandRejectedException("That service is not taking referrals (it is not active in the directory).");
        if (string.Equals(command.Provider.AgencyId, command.AgencyId, StringComparison.Ordinal))
            throw new CommandRejectedException("A referral goes to another agency; the service belongs to the caller's own agency.");
        return new ReferralRequested(command.ReferralId, command.CaseId, command.AgencyId, command.Provider.AgencyId, command.Provider.Id,
            service.Id, service.Offer.Type, command.Need, command.Language, command.InterpreterNeeded, command.Now);
    }
}
