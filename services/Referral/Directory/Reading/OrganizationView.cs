using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Referral.Directory.Reading;

/// <summary>A place as the directory shows it: kind, city and region only, never an address.</summary>
public sealed record LocationView(Guid Id, LocationKind Kind, string City, string Region);

public sealed record ServiceView(
    Guid Id,
    ServiceType Type,
    ServiceStatus Status,
    IReadOnlyList<string> Languages,
    IReadOnlyList<AgeGroup> AgeGroups,
    int? MinimumAge,
    int? MaximumAge,
    IReadOnlyList<ClientCategory> ClientCategories,
    bool InterpretationOffered,
    ServiceHours Hours,
    IReadOnlyList<string> ServiceAreas,
    Capacity? Capacity)
{
    public static ServiceView Of(DirectoryService s) =>
        new(s.Id, s.Offer.Type, s.Offer.Status, s.Offer.Languages, s.Offer.AgeGroups, s.Offer.MinimumAge, s.Offer.MaximumAge,
            s.Offer.ClientCategories, s.Offer.InterpretationOffered, s.Offer.Hours, s.Offer.ServiceAreas, s.Capacity);
}

/// <summary>An organization as anyone on the platform may see it.</summary>
public sealed record OrganizationView(Guid Id, string AgencyId, string Name, IReadOnlyList<ServiceView> Services,
    IReadOnlyList<LocationView> Locations, long Version)
{
    public static OrganizationView Of(Organization o) =>
        new(o.Id, o.AgencyId, o.Name, o.Services.Select(ServiceView.Of).ToList(), PublicLocations(o), o.Version);

    /// <summary>No address is ever shown; a confidential place, and every place of a sheltering organization, not at all.</summary>
    public static IReadOnlyList<LocationView> PublicLocations(Organization o) =>
        o.OffersShelter
            ? []
            : o.Locations.Where(l => !l.Confidential).Select(l => new LocationView(l.Id, l.Kind, l.City, l.Region)).ToList();
}
