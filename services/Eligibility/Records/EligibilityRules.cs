using Marten;
using Platform.Contracts.Intake;
using Platform.Eligibility.Programs;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records;

/// <summary>Which programs apply to a client, and why one does not, in words a case manager can act on.</summary>
public static class EligibilityRules
{
    public const string PerCapitaForForeignNationalsOnly =
        "Per-capita programs (pre-certification, certification and interim assistance) serve foreign national victims only; a U.S. citizen " +
        "or permanent resident has no per-capita window and is served by mainstream programs instead (child welfare, domestic violence " +
        "and runaway and homeless youth shelters, public benefits).";

    /// <summary>Null when <paramref name="rule"/> applies to the client of <paramref name="record"/>; otherwise why not.</summary>
    public static string? WhyNot(EligibilityRecord record, ProgramRule rule, IEnumerable<ProgramRule> programs)
    {
        if (rule.ClientCategories.Contains(record.ClientCategory) is false)
        {
            var instead = programs.Where(p => p.AppliesTo(record.ClientCategory, record.AgeGroup)).Select(p => p.Id).ToList();
            var why = rule.PerCapita && record.ClientCategory == ClientCategory.UsCitizenOrPermanentResident
                ? PerCapitaForForeignNationalsOnly
                : $"The program {rule.Id} does not apply to a client who is {PlatformJson.Name(record.ClientCategory)}.";
            return instead.Count == 0 ? why : $"{why} What applies: {string.Join(", ", instead)}.";
        }
        if (!rule.AgeGroups.Contains(record.AgeGroup))
            return $"The program {rule.Id} is for {string.Join(" or ", rule.AgeGroups.Select(PlatformJson.Name))} clients; this client is " +
                $"{PlatformJson.Name(record.AgeGroup)}.";
        if (rule.CertificationRequired && !record.IsCertified)
            return $"The program {rule.Id} requires an HHS certification letter (adults) or an eligibility letter (minors): record the letter.";
        return null;
    }

    /// <summary>A window id derived from what opened it, so a decision stays a pure function of its command.</summary>
    public static Guid DerivedId(Guid from, string discriminator)
    {
        var bytes = System.Security.Cryptography.MD5.HashData([.. from.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(discriminator)]);
        return new Guid(bytes);
    }
}

/// <summary>How every Eligibility endpoint changes a record: by the lead's case workers, never on a closed case (services
/// delivered before the closure are still claimed: they come as events).</summary>
public static class RecordChanges
{
    public static Task<StreamWrite> ChangeRecordAsync(this HttpContext http, IDocumentSession session, Guid caseId,
        Func<EligibilityRecord, IReadOnlyList<object>> decide, CancellationToken ct) =>
        http.ChangeCaseStreamAsync<EligibilityRecord>(session, caseId, (caller, access, _) => access.MayBeChangedBy(caller), decide, ct);
}
