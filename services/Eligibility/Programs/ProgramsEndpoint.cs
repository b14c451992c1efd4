using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Eligibility.Programs;

public static class ProgramsEndpoint
{
    /// <summary>The programs in force now; windows already open keep the rule they were opened under.</summary>
    public static Ok<IReadOnlyList<ProgramRule>> Handle(ProgramCatalog catalog) => TypedResults.Ok(catalog.Current());
}
