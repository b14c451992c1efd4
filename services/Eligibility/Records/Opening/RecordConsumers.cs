using Marten;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Consumers;

namespace Platform.Eligibility.Records.Opening;

/// <summary>A client's eligibility record opens when the case opens, with the client category and age group that decide what applies.</summary>
public sealed class OpenRecordOnCaseOpened(IDocumentStore store) : IdempotentConsumer<CaseOpened>(store)
{
    protected override Task ApplyAsync(CaseOpened message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Events.StartStream<EligibilityRecord>(message.CaseId,
            new EligibilityRecordOpened(message.CaseId, message.LeadAgencyId, message.ClientCategory, message.AgeGroup, message.OccurredAt));
        return Task.CompletedTask;
    }
}
