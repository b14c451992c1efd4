using Marten;
using Platform.Contracts.Referral;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Consumers;
using Platform.Eligibility.Records;

namespace Platform.Eligibility.Claims;

/// <summary>Every service Referral records as delivered is claimed or recorded as not reimbursable, once.</summary>
public sealed class ClaimOnServiceDelivered(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<ServiceDelivered>(store)
{
    protected override async Task ApplyAsync(ServiceDelivered m, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchInTurnAsync<EligibilityRecord>(m.CaseId, ct);
        if (stream.Aggregate is null) return;
        // The lead agency now (after any transfer), which files the reimbursement request with the provider.
        var lead = (await session.LoadCaseAccessAsync(m.CaseId, ct))?.LeadAgencyId ?? stream.Aggregate.LeadAgencyId;
        stream.AppendMany(Ledger.Decide(stream.Aggregate, new ClaimService(m.ServiceRecordId, m.ReferralId, m.ProviderAgencyId, lead, m.ServiceType,
            m.DeliveredOn, m.Units, m.Unit, clock.GetUtcNow())));
    }
}

/// <summary>A service entered in error no longer counts: its claim is voided.</summary>
public sealed class VoidOnServiceEnteredInError(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<ServiceEnteredInError>(store)
{
    protected override async Task ApplyAsync(ServiceEnteredInError m, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchInTurnAsync<EligibilityRecord>(m.CaseId, ct);
        if (stream.Aggregate is null) return;
        stream.AppendMany(Ledger.Decide(stream.Aggregate, new VoidClaims(m.ServiceRecordId, null, clock.GetUtcNow())));
    }
}

/// <summary>A referral entered in error voids the claims of every service delivered under it.</summary>
public sealed class VoidOnReferralEnteredInError(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<ReferralEnteredInError>(store)
{
    protected override async Task ApplyAsync(ReferralEnteredInError m, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchInTurnAsync<EligibilityRecord>(m.CaseId, ct);
        if (stream.Aggregate is null) return;
        stream.AppendMany(Ledger.Decide(stream.Aggregate, new VoidClaims(null, m.ReferralId, clock.GetUtcNow())));
    }
}
