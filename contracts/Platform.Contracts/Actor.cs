namespace Platform.Contracts;

/// <summary>Who caused an event: the agency and the user's opaque subject id (never a name).</summary>
public sealed record Actor(string AgencyId, string UserId);
