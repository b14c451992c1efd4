using Marten.Events.Projections;
using Platform.Contracts.Referral;
using Platform.Eligibility.Records;

namespace Platform.Eligibility.Claims;

/// <summary>One claimed service as a reimbursement request lists it: no client identity, only the case id. Kept inline with the claim.</summary>
public sealed record ClaimLine(Guid Id, Guid CaseId, Guid ReferralId, string ProviderAgencyId, string LeadAgencyId, ServiceType ServiceType,
    DateOnly DeliveredOn, string Month, decimal Units, ServiceUnit Unit, Guid WindowId, string ProgramId, string ProgramName, bool Voided)
{
    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The claim lines across every case, one per service record: the ledger's answer to "what do we claim for this month?".</summary>
public sealed class ClaimLineProjection : MultiStreamProjection<ClaimLine, Guid>
{
    public ClaimLineProjection()
    {
        Identity<ServiceClaimed>(e => e.ServiceRecordId);
        Identity<ClaimVoided>(e => e.ServiceRecordId);
    }

    public static ClaimLine Create(ServiceClaimed e) => new(e.ServiceRecordId, e.CaseId, e.ReferralId, e.ProviderAgencyId, e.LeadAgencyId, e.ServiceType,
        e.DeliveredOn, ClaimLine.MonthOf(e.DeliveredOn), e.Units, e.Unit, e.WindowId, e.ProgramId, e.ProgramName, Voided: false);

    public static ClaimLine Apply(ClaimVoided e, ClaimLine line) => line with { Voided = true };
}
