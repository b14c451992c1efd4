namespace Platform.EventSourcing.Access;

/// <summary>
/// A closed case takes no change and no new work in any service (a referral, a goal, a window) until Intake reopens it; what
/// was shared stays readable. The one statement of the rule: Intake's decisions and every other service's writes call it.
/// </summary>
public static class ClosedCase
{
    public const string Refusal = "The case is closed; reopen it before changing it.";

    public static void MustBeOpen(bool closed)
    {
        if (closed) throw new CommandRejectedException(Refusal);
    }
}
