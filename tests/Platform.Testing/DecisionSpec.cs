using System.Text.Json;
using Platform.EventSourcing;
using Xunit;

namespace Platform.Testing;

/// <summary>Decision tests as sentences: <c>Given(events).When(decide).Then(events)</c>, no infrastructure.</summary>
public sealed class DecisionSpec<TState>(Func<TState?, object, TState> evolve) where TState : class
{
    private TState? _state;

    public DecisionSpec<TState> Given(params object[] events)
    {
        _state = events.Aggregate(_state, (state, e) => evolve(state, e));
        return this;
    }

    public Outcome When(Func<TState, IReadOnlyList<object>> decide)
    {
        Assert.NotNull(_state);
        try
        {
            return new Outcome(decide(_state!), null);
        }
        catch (CommandRejectedException rejected)
        {
            return new Outcome([], rejected.Message);
        }
    }

    public sealed record Outcome(IReadOnlyList<object> Events, string? Rejection)
    {
        /// <summary>The same events, compared by type and content (records holding lists compare by reference otherwise).</summary>
        public void Then(params object[] expected)
        {
            Assert.Null(Rejection);
            Assert.Equal(expected.Select(Describe), Events.Select(Describe));
        }

        private static string Describe(object e) => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}";

        public void ThenRejected(string because)
        {
            Assert.NotNull(Rejection);
            Assert.Contains(because, Rejection, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public static class DecisionSpec
{
    public static DecisionSpec<TState> For<TState>(Func<TState?, object, TState> evolve) where TState : class => new(evolve);
}
