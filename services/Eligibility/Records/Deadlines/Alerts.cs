namespace Platform.Eligibility.Records.Deadlines;

/// <summary>Raise what is due at <see cref="Now"/>: each window's warning thresholds, renewal notice and expiry, once each.</summary>
public sealed record RaiseDue(DateTimeOffset Now);

public static class Alerts
{
    /// <summary>
    /// Every alert owed at <see cref="RaiseDue.Now"/>, in the order they fell due; nothing when none is. Two monitors, or one that restarts,
    /// raise each once: the second decides on a state that already holds the first's events, or loses the optimistic-concurrency race.
    /// A monitor that was stopped raises what fell due meanwhile when it catches up (late, but a case manager must still hear of it).
    /// </summary>
    public static IReadOnlyList<object> Decide(EligibilityRecord record, RaiseDue c)
    {
        var due = new List<(DateTimeOffset At, object Event)>();
        foreach (var w in record.Windows)
        {
            due.AddRange(w.OwedThresholds.Where(d => w.ThresholdAt(d) <= c.Now)
                .Select(d => (w.ThresholdAt(d), (object)new EligibilityExpiring(w.Id, w.Rule.Id, d, w.EndsOn, c.Now))));
            if (w.RenewalDueAt is { } renewalAt && renewalAt <= c.Now) due.Add((renewalAt, new RenewalDue(w.Id, w.Rule.Id, w.EndsOn, c.Now)));
            if (w.ExpiryOwedAt is { } expiresAt && expiresAt <= c.Now) due.Add((expiresAt, new EligibilityExpired(w.Id, w.Rule.Id, w.EndsOn, c.Now)));
        }
        return due.OrderBy(d => d.At).Select(d => d.Event).ToList();
    }
}
