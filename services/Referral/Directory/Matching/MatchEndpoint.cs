using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.ServiceDefaults;

namespace Platform.Referral.Directory.Matching;

public sealed record MatchResult(IReadOnlyList<ServiceMatch> Matches);

public static class MatchEndpoint
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;

    /// <summary>
    /// The services that fit a need, best first. The directory is small (organizations of one network), so it is
    /// ranked in memory from the inline organization snapshots.
    /// </summary>
    public static async Task<Results<Ok<MatchResult>, ValidationProblem>> Handle(IQuerySession session, string? type = null,
        string? language = null, string? ageGroup = null, int? age = null, string? clientCategory = null, bool? interpreterNeeded = null,
        string? area = null, int? limit = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors()
            .Required(type, "type")
            .OptionalEnum<ServiceType>(type, "type", out var wantedType)
            .OptionalEnum<AgeGroup>(ageGroup, "ageGroup", out var wantedAgeGroup)
            .OptionalEnum<ClientCategory>(clientCategory, "clientCategory", out var wantedCategory)
            .Must(age is null or >= 0 and <= 120, "age", "Between 0 and 120.")
            .Must(limit is null or > 0 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit}.");
        if (language is not null) errors.LanguageTag(language, "language");
        if (errors.Any) return errors.ToProblem();

        var directory = await session.Query<Organization>().ToListAsync(ct);
        var need = new ServiceNeed(wantedType!.Value, language, wantedAgeGroup, age, wantedCategory, interpreterNeeded ?? false, area);
        return TypedResults.Ok(new MatchResult(ServiceMatching.Rank(directory, need).Take(limit ?? DefaultLimit).ToList()));
    }
}
