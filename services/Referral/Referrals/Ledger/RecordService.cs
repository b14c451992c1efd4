using Platform.Contracts.Referral;
using Platform.EventSourcing;

namespace Platform.Referral.Referrals.Ledger;

public sealed record RecordDeliveredService(string AgencyId, Guid ServiceRecordId, ServiceType ServiceType, DateOnly DeliveredOn,
    decimal Units, ServiceUnit Unit, DateTimeOffset Now);

public sealed record MarkServiceEnteredInError(string AgencyId, Guid ServiceRecordId, DateTimeOffset Now);

/// <summary>
/// The ledger of services actually delivered, which per-capita reimbursement is built from: only the provider records
/// them, only on a referral it accepted, never in the future; a wrong entry is marked, never edited away.
/// </summary>
public static class ServiceLedger
{
    public static IReadOnlyList<object> Decide(Referral state, RecordDeliveredService command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "record services on");
        state.MustBeIn("given services", ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.Completed);
        if (command.DeliveredOn > DateOnly.FromDateTime(command.Now.UtcDateTime))
            throw new CommandRejectedException("A service is recorded once it was delivered, not before.");
        if (command.DeliveredOn < DateOnly.FromDateTime(state.RequestedAt.UtcDateTime))
            throw new CommandRejectedException("The service was delivered before the referral was made; record it on the referral it belongs to.");
        if (command.Units <= 0) throw new CommandRejectedException("A delivered service has a positive number of units.");
        return [new ServiceDelivered(state.CaseId, command.ServiceRecordId, command.AgencyId, command.ServiceType, command.DeliveredOn,
            command.Units, command.Unit, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Referral state, MarkServiceEnteredInError command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "correct services on");
        var record = state.Services.FirstOrDefault(s => s.Id == command.ServiceRecordId)
            ?? throw new CommandRejectedException("This referral has no such service record.");
        if (!record.Counts) throw new CommandRejectedException("That service record is already marked entered-in-error.");
        return [new ServiceEnteredInError(state.CaseId, record.Id, record.ProviderAgencyId, command.Now)];
    }
}
