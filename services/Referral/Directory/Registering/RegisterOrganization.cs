namespace Platform.Referral.Directory.Registering;

/// <summary>Put an agency's organization in the directory; one organization per agency.</summary>
public sealed record RegisterOrganization(Guid OrganizationId, string AgencyId, string Name, DateTimeOffset Now);

public static class OrganizationRegistration
{
    public static OrganizationRegistered Decide(RegisterOrganization command) =>
        new(command.OrganizationId, command.AgencyId, command.Name.Trim(), command.Now);
}
