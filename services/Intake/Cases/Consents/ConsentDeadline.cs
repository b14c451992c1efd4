namespace Platform.Intake.Cases.Consents;

/// <summary>
/// A consent in force and when it ends: written with the grant, removed with the revocation or the expiry, so the
/// expiry monitor finds what is due with one indexed query.
/// </summary>
public sealed record ConsentDeadline(Guid Id, Guid CaseId, DateTimeOffset ExpiresAt);
