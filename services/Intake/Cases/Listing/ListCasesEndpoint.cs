using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Intake.Cases.Reading;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Listing;

/// <summary>A page of cases; pass <see cref="Next"/> as <c>after</c> to get the following page.</summary>
public sealed record CasePage(IReadOnlyList<CaseView> Items, string? Next);

public static class ListCasesEndpoint
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    /// <summary>The cases the caller's agency leads, oldest first (case ids are time-ordered), by cursor.</summary>
    public static async Task<Results<Ok<CasePage>, ValidationProblem>> Handle(HttpContext http, IQuerySession session,
        string? status = null, Guid? after = null, int? limit = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors()
            .OptionalEnum<CaseStatus>(status, "status", out var wanted)
            .Must(limit is null or > 0 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit}.");
        if (errors.Any) return errors.ToProblem();

        var take = limit ?? DefaultLimit;
        var agency = http.Caller().AgencyId;
        var sql = "where data ->> 'leadAgencyId' = ? and id > ?"
                  + (wanted is null ? "" : " and data ->> 'status' = ?")
                  + " order by id limit ?";
        object[] parameters = wanted is null
            ? [agency, after ?? Guid.Empty, take + 1]
            : [agency, after ?? Guid.Empty, wanted.Value.ToString(), take + 1];
        var cases = await session.QueryAsync<Case>(sql, ct, parameters);

        var everything = Enum.GetValues<InformationCategory>().ToHashSet();
        var items = cases.Take(take).Select(c => CaseView.Of(c, everything, lead: true)).ToList();
        return TypedResults.Ok(new CasePage(items, cases.Count > take ? items[^1].Id.ToString() : null));
    }
}
