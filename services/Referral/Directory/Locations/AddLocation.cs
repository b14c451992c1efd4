namespace Platform.Referral.Directory.Locations;

public sealed record AddLocation(Guid LocationId, LocationKind Kind, string? Address, string City, string Region, bool Confidential,
    DateTimeOffset Now);

public static class OrganizationLocations
{
    /// <summary>A physical place of an organization that shelters people is confidential, whatever was asked.</summary>
    public static IReadOnlyList<object> Decide(Organization state, AddLocation command) =>
    [
        new LocationAdded(command.LocationId, command.Kind, command.Address, command.City, command.Region,
            command.Confidential || (state.OffersShelter && command.Kind == LocationKind.Physical), command.Now),
    ];
}
