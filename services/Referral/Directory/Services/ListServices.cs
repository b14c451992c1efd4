using Platform.EventSourcing;

namespace Platform.Referral.Directory.Services;

public sealed record ListService(Guid ServiceId, ServiceOffer Offer, DateTimeOffset Now);

public sealed record ReviseService(Guid ServiceId, ServiceOffer Offer, DateTimeOffset Now);

public sealed record UpdateCapacity(Guid ServiceId, int Available, int Maximum, CapacityUnit Unit, DateTimeOffset Now);

/// <summary>An organization's services and how much room they have.</summary>
public static class DirectoryServices
{
    public static IReadOnlyList<object> Decide(Organization state, ListService command) =>
        [new ServiceListed(command.ServiceId, command.Offer, command.Now)];

    public static IReadOnlyList<object> Decide(Organization state, ReviseService command)
    {
        MustList(state, command.ServiceId);
        return [new ServiceRevised(command.ServiceId, command.Offer, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Organization state, UpdateCapacity command)
    {
        MustList(state, command.ServiceId);
        if (command.Available < 0 || command.Available > command.Maximum)
            throw new CommandRejectedException("Available units lie between 0 and the maximum.");
        return [new CapacityUpdated(command.ServiceId, command.Available, command.Maximum, command.Unit, command.Now)];
    }

    private static void MustList(Organization state, Guid serviceId)
    {
        if (state.Services.All(s => s.Id != serviceId)) throw new CommandRejectedException("The organization lists no such service.");
    }
}
