using Microsoft.Extensions.Configuration;
using Platform.Eligibility.Programs;

namespace Platform.Eligibility.Tests;

/// <summary>
/// The programs exactly as the shipped configuration (<c>services/Eligibility/appsettings.json</c>) defines them, read through
/// the service's own binding: the decision tests judge what is deployed, not a copy that could drift from it.
/// </summary>
public static class Programs
{
    public static readonly IReadOnlyList<ProgramRule> All = Shipped();

    public static readonly ProgramRule PreCertification = ById("per-capita-pre-certification");
    public static readonly ProgramRule Certification = ById("per-capita-certification");
    public static readonly ProgramRule InterimAssistance = ById("interim-assistance-minor");
    public static readonly ProgramRule Shelter15 = ById("shelter-stay-15");
    public static readonly ProgramRule Shelter30 = ById("shelter-stay-30");
    public static readonly ProgramRule Shelter60 = ById("shelter-stay-60");
    public static readonly ProgramRule BenefitRenewal = ById("benefit-renewal");

    private static ProgramRule ById(string id) =>
        All.SingleOrDefault(p => p.Id == id) ?? throw new InvalidOperationException($"the shipped configuration has no program '{id}'");

    private static IReadOnlyList<ProgramRule> Shipped()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "services", "Eligibility", "appsettings.json")))
            directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("services/Eligibility/appsettings.json not found above the test's folder");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(directory.FullName, "services", "Eligibility", "appsettings.json"), optional: false).Build();
        return new ProgramCatalog(configuration).Current();
    }
}
