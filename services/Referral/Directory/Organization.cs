using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Referral.Directory;

// The provider directory, after Open Referral HSDS: one stream per organization (bound to a platform agency) holding
// its services, their capacity and its locations, so every change is on record. None of it is about a client.

public sealed record OrganizationRegistered(Guid OrganizationId, string AgencyId, string Name, DateTimeOffset RegisteredAt);

public sealed record ServiceListed(Guid ServiceId, ServiceOffer Offer, DateTimeOffset ListedAt);

public sealed record ServiceRevised(Guid ServiceId, ServiceOffer Offer, DateTimeOffset RevisedAt);

public sealed record CapacityUpdated(Guid ServiceId, int Available, int Maximum, CapacityUnit Unit, DateTimeOffset UpdatedAt);

/// <summary>A place of the organization. A confidential one (every shelter's) is never shown, not even its city.</summary>
public sealed record LocationAdded(Guid LocationId, LocationKind Kind, string? Address, string City, string Region, bool Confidential,
    DateTimeOffset AddedAt);

/// <summary>HSDS service status: only active services take referrals.</summary>
public enum ServiceStatus
{
    Active,
    Inactive,
    TemporarilyClosed,
    Defunct,
}

public enum CapacityUnit
{
    Beds,
    Slots,
    Appointments,
    Hours,
}

/// <summary>HSDS location type: a shelter publishes a postal or virtual contact point, never its physical site.</summary>
public enum LocationKind
{
    Physical,
    Postal,
    Virtual,
}

/// <summary>Opening hours on one day, "HH:mm" local time.</summary>
public sealed record OpeningHours(DayOfWeek Day, string Opens, string Closes);

public sealed record ServiceHours(bool AlwaysOpen, IReadOnlyList<OpeningHours> Weekly);

/// <summary>What a service offers and to whom (HSDS service, eligibility, languages, schedule, service areas).</summary>
public sealed record ServiceOffer(
    ServiceType Type,
    ServiceStatus Status,
    IReadOnlyList<string> Languages,
    IReadOnlyList<AgeGroup> AgeGroups,
    int? MinimumAge,
    int? MaximumAge,
    IReadOnlyList<ClientCategory> ClientCategories,
    bool InterpretationOffered,
    ServiceHours Hours,
    IReadOnlyList<string> ServiceAreas);

/// <summary>HSDS service_capacity: available and maximum units, and when the provider last said so.</summary>
public sealed record Capacity(int Available, int Maximum, CapacityUnit Unit, DateTimeOffset UpdatedAt)
{
    public bool IsFull => Available <= 0;
}

public sealed record DirectoryService(Guid Id, ServiceOffer Offer, Capacity? Capacity = null);

public sealed record Location(Guid Id, LocationKind Kind, string? Address, string City, string Region, bool Confidential);

public sealed record Organization(Guid Id, string AgencyId, string Name, DateTimeOffset RegisteredAt)
{
    /// <summary>The stream version, set by Marten.</summary>
    public long Version { get; set; }

    public IReadOnlyList<DirectoryService> Services { get; init; } = [];

    public IReadOnlyList<Location> Locations { get; init; } = [];

    /// <summary>An organization that shelters people never shows where any of its places is.</summary>
    public bool OffersShelter => Services.Any(s => s.Offer.Type == ServiceType.Shelter);

    public static Organization Fold(Organization? state, object @event) => (state, @event) switch
    {
        (null, OrganizationRegistered e) => Create(e),
        (not null, ServiceListed e) => state.Apply(e),
        (not null, ServiceRevised e) => state.Apply(e),
        (not null, CapacityUpdated e) => state.Apply(e),
        (not null, LocationAdded e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : "a registered organization")}."),
    };

    public static Organization Create(OrganizationRegistered e) => new(e.OrganizationId, e.AgencyId, e.Name, e.RegisteredAt);

    public Organization Apply(ServiceListed e) => this with { Services = [.. Services, new DirectoryService(e.ServiceId, e.Offer)] };

    public Organization Apply(ServiceRevised e) =>
        this with { Services = Services.Select(s => s.Id == e.ServiceId ? s with { Offer = e.Offer } : s).ToList() };

    public Organization Apply(CapacityUpdated e) => this with
    {
        Services = Services.Select(s => s.Id == e.ServiceId ? s with { Capacity = new Capacity(e.Available, e.Maximum, e.Unit, e.UpdatedAt) } : s)
            .ToList(),
    };

    public Organization Apply(LocationAdded e) =>
        this with { Locations = [.. Locations, new Location(e.LocationId, e.Kind, e.Address, e.City, e.Region, e.Confidential)] };
}
