using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Eligibility.Programs;

/// <summary>How a program's window may be extended: how many times, by at most how many days each time.</summary>
public sealed record ExtensionRule(int MaxTimes, int MaxDays);

/// <summary>
/// One program as configured (<c>Eligibility:Programs</c>): who it applies to, what opens its window, how long it lasts, when to warn,
/// whether it may be extended or renewed, and (per-capita programs) which services it reimburses. A window stores a copy of the rule
/// it was opened under, so a later change of configuration applies only to windows opened afterwards.
/// </summary>
public sealed record ProgramRule(
    string Id,
    string Name,
    bool PerCapita,
    IReadOnlyList<ClientCategory> ClientCategories,
    IReadOnlyList<AgeGroup> AgeGroups,
    bool CertificationRequired,
    WindowTrigger OpensWith,
    IReadOnlyList<LetterKind> Letters,
    int LengthMonths,
    int LengthDays,
    IReadOnlyList<int> WarningDays,
    ExtensionRule? Extension,
    int? RenewalNoticeDays,
    IReadOnlyList<string> Supersedes,
    IReadOnlyList<ServiceType> Covers)
{
    /// <summary>The last day of a window that starts on <paramref name="start"/> (9 months from 10 January ends on 9 October).</summary>
    public DateOnly EndFor(DateOnly start) => start.AddMonths(LengthMonths).AddDays(LengthDays - 1);

    /// <summary>
    /// The furthest a window of this program can reach, in days, counting a month as 31: its length, plus one more period
    /// when it is renewed, plus every extension its rule allows.
    /// </summary>
    public int LongestReachDays =>
        (LengthMonths * 31 + LengthDays) * (RenewalNoticeDays is null ? 1 : 2) + (Extension is { } x ? x.MaxTimes * x.MaxDays : 0);

    public bool AppliesTo(ClientCategory category, AgeGroup age) => ClientCategories.Contains(category) && AgeGroups.Contains(age);

    public bool OpensWithLetter(LetterKind kind) => OpensWith == WindowTrigger.Letter && Letters.Contains(kind);
}
