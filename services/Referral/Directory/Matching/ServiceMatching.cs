using Platform.ServiceDefaults;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Referral.Directory.Matching;

/// <summary>A need to find a service for: the type is required, the rest narrows or ranks.</summary>
public sealed record ServiceNeed(ServiceType Type, string? Language, AgeGroup? AgeGroup, int? Age, ClientCategory? ClientCategory,
    bool InterpreterNeeded, string? Area);

public sealed record ServiceMatch(
    Guid ServiceId,
    Guid OrganizationId,
    string OrganizationName,
    string AgencyId,
    ServiceType Type,
    int Score,
    IReadOnlyList<string> Explanation,
    Capacity? Capacity,
    IReadOnlyList<string> Languages,
    bool InterpretationOffered,
    bool AlwaysOpen);

/// <summary>
/// Ranks the directory's services for a need. A service of another type, not active, or that does not serve the
/// client's age group, age, client category or area is left out. The rest are ranked first by room (available
/// units, then unknown capacity, then full: a full service never comes before one with room), then by score.
/// </summary>
public static class ServiceMatching
{
    public const int TypePoints = 50;
    public const int LanguagePoints = 30;
    public const int InterpretationPoints = 15;
    public const int InterpreterNeedPoints = 5;
    public const int RoomPoints = 20;
    public const int UnknownCapacityPoints = 5;
    public const int AreaPoints = 10;
    public const int AlwaysOpenPoints = 5;

    public static IReadOnlyList<ServiceMatch> Rank(IEnumerable<Organization> directory, ServiceNeed need) =>
        directory
            .SelectMany(o => o.Services.Select(s => (Organization: o, Service: s)))
            .Where(x => Serves(x.Service.Offer, need))
            .Select(x => (Room: RoomTier(x.Service.Capacity), Match: Score(x.Organization, x.Service, need)))
            .OrderBy(x => x.Room)
            .ThenByDescending(x => x.Match.Score)
            .ThenByDescending(x => x.Match.Capacity?.Available ?? 0)
            .ThenBy(x => x.Match.ServiceId)
            .Select(x => x.Match)
            .ToList();

    private static bool Serves(ServiceOffer offer, ServiceNeed need) =>
        offer.Type == need.Type
        && offer.Status == ServiceStatus.Active
        && (need.AgeGroup is null || offer.AgeGroups.Count == 0 || offer.AgeGroups.Contains(need.AgeGroup.Value))
        && (need.Age is null || ((offer.MinimumAge ?? 0) <= need.Age && need.Age <= (offer.MaximumAge ?? int.MaxValue)))
        && (need.ClientCategory is null || offer.ClientCategories.Count == 0 || offer.ClientCategories.Contains(need.ClientCategory.Value))
        && (need.Area is null || offer.ServiceAreas.Count == 0 || offer.ServiceAreas.Contains(need.Area.Trim().ToLowerInvariant()));

    /// <summary>0: room available, 1: capacity not published, 2: full.</summary>
    private static int RoomTier(Capacity? capacity) => capacity is null ? 1 : capacity.IsFull ? 2 : 0;

    private static ServiceMatch Score(Organization organization, DirectoryService service, ServiceNeed need)
    {
        var offer = service.Offer;
        var score = TypePoints;
        var why = new List<string> { $"offers {PlatformJson.Name(offer.Type)}" };
        if (need.AgeGroup is { } group) why.Add($"serves {PlatformJson.Name(group)}s");
        if (need.ClientCategory is { } category) why.Add($"serves {PlatformJson.Name(category)} clients");

        if (need.Language is { } language)
        {
            if (offer.Languages.Any(l => SameLanguage(l, language)))
            {
                score += LanguagePoints;
                why.Add($"speaks {language}");
            }
            else if (offer.InterpretationOffered)
            {
                score += InterpretationPoints;
                why.Add($"does not speak {language} but offers interpretation");
            }
            else
            {
                why.Add($"does not speak {language} and offers no interpretation");
            }
        }
        if (need.InterpreterNeeded && offer.InterpretationOffered)
        {
            score += InterpreterNeedPoints;
            why.Add("offers interpretation");
        }

        switch (service.Capacity)
        {
            case null:
                score += UnknownCapacityPoints;
                why.Add("capacity not published");
                break;
            case { IsFull: true } full:
                why.Add($"at capacity: 0 of {full.Maximum} {PlatformJson.Name(full.Unit)} available (as of {full.UpdatedAt:u})");
                break;
            case { } room:
                score += RoomPoints;
                why.Add($"{room.Available} of {room.Maximum} {PlatformJson.Name(room.Unit)} available (as of {room.UpdatedAt:u})");
                break;
        }
        if (need.Area is { } area && offer.ServiceAreas.Count > 0)
        {
            score += AreaPoints;
            why.Add($"serves area {area.Trim().ToLowerInvariant()}");
        }
        if (offer.Hours.AlwaysOpen)
        {
            score += AlwaysOpenPoints;
            why.Add("open 24/7");
        }

        return new ServiceMatch(service.Id, organization.Id, organization.Name, organization.AgencyId, offer.Type, score, why,
            service.Capacity, offer.Languages, offer.InterpretationOffered, offer.Hours.AlwaysOpen);
    }

    /// <summary>BCP 47 tags match on their primary language: "es" serves "es-MX".</summary>
    private static bool SameLanguage(string offered, string wanted) =>
        string.Equals(offered.Split('-')[0], wanted.Split('-')[0], StringComparison.OrdinalIgnoreCase);

}
