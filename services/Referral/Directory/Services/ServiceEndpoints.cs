using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.EventSourcing.Http;
using Platform.Referral.Directory.Reading;
using Platform.ServiceDefaults;

namespace Platform.Referral.Directory.Services;

public sealed record OpeningHoursRequest(DayOfWeek? Day, string? Opens, string? Closes);

public sealed record ServiceHoursRequest(bool? AlwaysOpen, IReadOnlyList<OpeningHoursRequest>? Weekly);

/// <summary>A service as its provider describes it. Type is required; empty lists mean "anyone" (ages, categories, areas).</summary>
public sealed record ServiceRequest(
    ServiceType? Type,
    ServiceStatus? Status,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<AgeGroup>? AgeGroups,
    int? MinimumAge,
    int? MaximumAge,
    IReadOnlyList<ClientCategory>? ClientCategories,
    bool? InterpretationOffered,
    ServiceHoursRequest? Hours,
    IReadOnlyList<string>? ServiceAreas);

public sealed record CapacityRequest(int? Available, int? Maximum, CapacityUnit? Unit);

public static partial class ServiceEndpoints
{
    public static async Task<Results<Created<ServiceView>, NotFound, ProblemHttpResult, ValidationProblem>> List(Guid organizationId,
        ServiceRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var offer = Validate(request, errors);
        if (errors.Any) return errors.ToProblem();

        var command = new ListService(Guid.CreateVersion7(), offer!, clock.GetUtcNow());
        var write = await http.ChangeOrganizationAsync(session, organizationId, state => DirectoryServices.Decide(state, command), ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created(
            $"/api/providers/organizations/{organizationId}/services/{command.ServiceId}",
            ServiceView.Of(new DirectoryService(command.ServiceId, command.Offer))));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Revise(Guid organizationId, Guid serviceId,
        ServiceRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var offer = Validate(request, errors);
        if (errors.Any) return errors.ToProblem();

        var command = new ReviseService(serviceId, offer!, clock.GetUtcNow());
        var write = await http.ChangeOrganizationAsync(session, organizationId, state => DirectoryServices.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> SetCapacity(Guid organizationId,
        Guid serviceId, CapacityRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.Available, "available")
            .Required(request.Maximum, "maximum")
            .Required(request.Unit, "unit")
            .Must(request.Maximum is null or >= 0, "maximum", "Zero or more.")
            .Must(request.Available is null or >= 0, "available", "Zero or more.")
            .Must(request.Available is null || request.Maximum is null || request.Available <= request.Maximum, "available",
                "At most the maximum.");
        if (errors.Any) return errors.ToProblem();

        var command = new UpdateCapacity(serviceId, request.Available!.Value, request.Maximum!.Value, request.Unit!.Value, clock.GetUtcNow());
        var write = await http.ChangeOrganizationAsync(session, organizationId, state => DirectoryServices.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }

    private const int MaxAge = 120;

    private static ServiceOffer? Validate(ServiceRequest request, FieldErrors errors)
    {
        errors.Required(request.Type, "type");
        var languages = request.Languages ?? [];
        for (var i = 0; i < languages.Count; i++) errors.LanguageTag(languages[i], $"languages[{i}]");
        errors.Must(request.MinimumAge is null or >= 0 and <= MaxAge, "minimumAge", $"Between 0 and {MaxAge}.")
            .Must(request.MaximumAge is null or >= 0 and <= MaxAge, "maximumAge", $"Between 0 and {MaxAge}.")
            .Must(request.MinimumAge is null || request.MaximumAge is null || request.MinimumAge <= request.MaximumAge, "maximumAge",
                "At least the minimum age.");
        var areas = request.ServiceAreas ?? [];
        for (var i = 0; i < areas.Count; i++)
            errors.Must(areas[i] is not null && AreaPattern().IsMatch(areas[i]), $"serviceAreas[{i}]",
                "An area code such as 'us-tx-harris': 1 to 64 letters, digits, spaces, '.', '_' or '-'.");
        var weekly = request.Hours?.Weekly ?? [];
        for (var i = 0; i < weekly.Count; i++)
        {
            errors.Required(weekly[i].Day, $"hours.weekly[{i}].day")
                .Must(weekly[i].Opens is not null && TimePattern().IsMatch(weekly[i].Opens!), $"hours.weekly[{i}].opens", "A time as HH:mm.")
                .Must(weekly[i].Closes is not null && TimePattern().IsMatch(weekly[i].Closes!), $"hours.weekly[{i}].closes", "A time as HH:mm.");
        }
        if (errors.Any) return null;

        return new ServiceOffer(request.Type!.Value, request.Status ?? ServiceStatus.Active, languages.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            (request.AgeGroups ?? []).Distinct().ToList(), request.MinimumAge, request.MaximumAge,
            (request.ClientCategories ?? []).Distinct().ToList(), request.InterpretationOffered ?? false,
            new ServiceHours(request.Hours?.AlwaysOpen ?? false, weekly.Select(w => new OpeningHours(w.Day!.Value, w.Opens!, w.Closes!)).ToList()),
            areas.Select(a => a.Trim().ToLowerInvariant()).Distinct().ToList());
    }

    [GeneratedRegex("^[A-Za-z0-9 ._-]{1,64}$")]
    private static partial Regex AreaPattern();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimePattern();
}
