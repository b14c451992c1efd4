using ClaimVoidReason = Platform.Contracts.Eligibility.ClaimVoidReason;
using NotReimbursableReason = Platform.Contracts.Eligibility.NotReimbursableReason;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Eligibility.Records;

namespace Platform.Eligibility.Claims;

/// <summary>A service a provider delivered (from Referral's <c>ServiceDelivered</c>), to be claimed or not.</summary>
public sealed record ClaimService(Guid ServiceRecordId, Guid ReferralId, string ProviderAgencyId, string LeadAgencyId, ServiceType ServiceType,
    DateOnly DeliveredOn, decimal Units, ServiceUnit Unit, DateTimeOffset Now);

/// <summary>Withdraw the claim of one service, or of every service of a referral.</summary>
public sealed record VoidClaims(Guid? ServiceRecordId, Guid? ReferralId, DateTimeOffset Now);

/// <summary>
/// The per-capita reimbursement ledger: a delivered service is claimed when it falls inside a per-capita window that was open on the day
/// it was delivered and whose program covers its type; otherwise it is recorded as not reimbursable, with the reason. Each service record
/// is decided once (a redelivery changes nothing), and a service or referral entered in error voids its claims.
/// </summary>
public static class Ledger
{
    public static IReadOnlyList<object> Decide(EligibilityRecord record, ClaimService c)
    {
        if (record.Delivery(c.ServiceRecordId) is not null) return [];
        var window = ClaimableWindow(record, c.ServiceType, c.DeliveredOn, out var reason);
        return window is null
            ? [new ServiceNotReimbursable(c.ServiceRecordId, c.ReferralId, c.ProviderAgencyId, c.ServiceType, c.DeliveredOn, c.Units, c.Unit, reason!.Value, c.Now)]
            : [new ServiceClaimed(record.Id, c.ServiceRecordId, c.ReferralId, c.ProviderAgencyId, c.LeadAgencyId, c.ServiceType, c.DeliveredOn, c.Units, c.Unit,
                window.Id, window.Rule.Id, window.Rule.Name, c.Now)];
    }

    public static IReadOnlyList<object> Decide(EligibilityRecord record, VoidClaims c)
    {
        var reason = c.ServiceRecordId is null ? ClaimVoidReason.ReferralEnteredInError : ClaimVoidReason.ServiceEnteredInError;
        return record.Deliveries
            .Where(d => d.ClaimedUnder is not null && !d.Voided && (d.ServiceRecordId == c.ServiceRecordId || d.ReferralId == c.ReferralId))
            .Select(d => (object)new ClaimVoided(d.ServiceRecordId, d.ClaimedUnder!, reason, c.Now))
            .ToList();
    }

    /// <summary>The per-capita window that pays for a service of <paramref name="type"/> delivered on <paramref name="day"/>, or why none does.</summary>
    public static Window? ClaimableWindow(EligibilityRecord record, ServiceType type, DateOnly day, out NotReimbursableReason? reason)
    {
        reason = null;
        if (record.ClientCategory == ClientCategory.UsCitizenOrPermanentResident)
        {
            reason = NotReimbursableReason.ClientCategoryNotEligible;
            return null;
        }
        var perCapita = record.Windows.Where(w => w.Rule.PerCapita).ToList();
        var open = perCapita.Where(w => w.IsOpenOn(day)).ToList();
        var covering = open.Where(w => w.Rule.Covers.Contains(type)).OrderByDescending(w => w.StartsOn).FirstOrDefault();
        reason = covering is not null ? null
            : perCapita.Count == 0 ? NotReimbursableReason.NoPerCapitaWindow
            : open.Count == 0 ? NotReimbursableReason.OutsideWindow
            : NotReimbursableReason.ServiceNotCovered;
        return covering;
    }
}
