using Marten;
using Platform.Contracts.Intake;
using Platform.EventSourcing;
using Platform.EventSourcing.Consumers;
using Platform.ServicePlan.Plans.Goals;

namespace Platform.ServicePlan.Plans.Starting;

/// <summary>A plan starts by itself when a case opens.</summary>
public sealed class StartPlanOnCaseOpened(IDocumentStore store) : IdempotentConsumer<CaseOpened>(store)
{
    protected override Task ApplyAsync(CaseOpened message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Events.StartStream<Plan>(message.CaseId, new PlanStarted(message.CaseId, message.LeadAgencyId, message.OccurredAt));
        return Task.CompletedTask;
    }
}

/// <summary>An assessment with high or urgent needs proposes goals for those domains (proposed until the client agrees).</summary>
public sealed class ProposeGoalsOnNeedsAssessed(IDocumentStore store) : IdempotentConsumer<NeedsAssessed>(store)
{
    protected override async Task ApplyAsync(NeedsAssessed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.FetchInTurnAsync<Plan>(message.CaseId, cancellationToken);
        if (stream.Aggregate is null) return;
        stream.AppendMany(PlanGoals.ProposeFor(stream.Aggregate, message.Needs, message.OccurredAt));
    }
}

/// <summary>A closed case's plan takes no change and raises no notice; reopening the case reopens it.</summary>
public sealed class ClosePlanOnCaseClosed(IDocumentStore store) : IdempotentConsumer<CaseClosed>(store)
{
    protected override async Task ApplyAsync(CaseClosed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.FetchInTurnAsync<Plan>(message.CaseId, cancellationToken);
        if (stream.Aggregate is { Closed: false }) stream.AppendOne(new PlanClosed(message.OccurredAt));
    }
}

public sealed class ReopenPlanOnCaseReopened(IDocumentStore store) : IdempotentConsumer<CaseReopened>(store)
{
    protected override async Task ApplyAsync(CaseReopened message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.FetchInTurnAsync<Plan>(message.CaseId, cancellationToken);
        if (stream.Aggregate is { Closed: true }) stream.AppendOne(new PlanReopened(message.OccurredAt));
    }
}
