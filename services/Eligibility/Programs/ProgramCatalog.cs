using Platform.ServiceDefaults;
using System.Text.Json;
using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Eligibility.Programs;

/// <summary>A program as written in configuration (kebab-case values, as the API writes them).</summary>
public sealed class ProgramOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public bool PerCapita { get; set; }
    public List<string> ClientCategories { get; set; } = [];
    public List<string> AgeGroups { get; set; } = [];
    public bool CertificationRequired { get; set; }
    public string OpensWith { get; set; } = "enrollment";
    public List<string> Letters { get; set; } = [];
    public int LengthMonths { get; set; }
    public int LengthDays { get; set; }
    public List<int>? WarningDays { get; set; }
    public ExtensionRule? Extension { get; set; }
    public int? RenewalNoticeDays { get; set; }
    public List<string> Supersedes { get; set; } = [];
    public List<string> Covers { get; set; } = [];
}

/// <summary>
/// The programs in force, read from <c>Eligibility:Programs</c> each time a window opens (so a change of configuration applies to the
/// windows opened afterwards; a window keeps the rule it was opened under).
/// </summary>
public sealed class ProgramCatalog(IConfiguration configuration)
{
    public const string Section = "Eligibility:Programs";

    /// <summary>Warning thresholds of a program that names none: 30, 14 and 7 days before the end.</summary>
    public static readonly IReadOnlyList<int> DefaultWarningDays = [30, 14, 7];

    public IReadOnlyList<ProgramRule> Current() =>
        (configuration.GetSection(Section).Get<List<ProgramOptions>>() ?? []).Select(ToRule).ToList();

    public static ProgramRule ToRule(ProgramOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Id) || string.IsNullOrWhiteSpace(o.Name))
            throw new InvalidOperationException($"{Section}: every program needs an id and a name.");
        if (o.LengthMonths < 0 || o.LengthDays < 0 || o.LengthMonths * 31 + o.LengthDays < 1)
            throw new InvalidOperationException($"{Section} '{o.Id}': a length of at least one day.");
        return new ProgramRule(o.Id, o.Name, o.PerCapita,
            o.ClientCategories.Select(Parse<ClientCategory>).ToList(),
            o.AgeGroups.Select(Parse<AgeGroup>).ToList(),
            o.CertificationRequired,
            Parse<WindowTrigger>(o.OpensWith),
            o.Letters.Select(Parse<LetterKind>).ToList(),
            o.LengthMonths, o.LengthDays,
            (o.WarningDays ?? [.. DefaultWarningDays]).Where(d => d > 0).Distinct().OrderDescending().ToList(),
            o.Extension is { MaxTimes: > 0, MaxDays: > 0 } ? o.Extension : null,
            o.RenewalNoticeDays,
            o.Supersedes,
            o.Covers.Select(Parse<ServiceType>).ToList());
    }


    private static T Parse<T>(string value) where T : struct, Enum =>
        Enum.TryParse<T>(value.Replace("-", ""), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"{Section}: '{value}' is not a {typeof(T).Name}.");
}
