using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing;

namespace Platform.Intake.Cases.Consents;

public sealed record GrantConsent(
    Guid ConsentId,
    string AgencyId,
    IReadOnlyList<InformationCategory> Categories,
    DateTimeOffset ExpiresAt,
    ConsentGiver GivenBy,
    string ReleaseReference,
    DateTimeOffset Now);

public sealed record RevokeConsent(Guid ConsentId, DateTimeOffset Now);

public sealed record ExpireConsent(Guid ConsentId, DateTimeOffset Now);

/// <summary>Consent after VAWA practice: written (a signed release), time-limited, revocable, per agency and category.</summary>
public static class CaseConsents
{
    public static IReadOnlyList<object> Decide(Case state, GrantConsent command)
    {
        state.MustBeOpen();
        if (state.Team.All(t => t.AgencyId != command.AgencyId))
            throw new CommandRejectedException("Consent is given to an agency of the case team; add the agency to the team first.");
        if (command.ExpiresAt <= command.Now)
            throw new CommandRejectedException("A consent must expire in the future.");
        if (state.AgeGroup == AgeGroup.Minor && command.GivenBy != ConsentGiver.Guardian)
            throw new CommandRejectedException("The client is a minor: a guardian gives consent.");
        if (state.AgeGroup == AgeGroup.Adult && command.GivenBy != ConsentGiver.Client)
            throw new CommandRejectedException("The client is an adult: the client gives consent.");
        return [new ConsentGranted(command.ConsentId, command.AgencyId, command.Categories.Distinct().ToList(), command.ExpiresAt,
            command.GivenBy, command.ReleaseReference, command.Now)];
    }

    /// <summary>Revocation works on a closed case too: withdrawing consent is the client's right at any time.</summary>
    public static IReadOnlyList<object> Decide(Case state, RevokeConsent command) =>
        state.Consents.FirstOrDefault(c => c.Id == command.ConsentId) is { } consent
            ? [new ConsentRevoked(consent.Id, consent.AgencyId, command.Now)]
            : throw new CommandRejectedException("That consent is not in force (never given, already revoked or expired).");

    /// <summary>Idempotent: a consent that is no longer in force, or not yet due, yields nothing.</summary>
    public static IReadOnlyList<object> Decide(Case state, ExpireConsent command) =>
        state.Consents.FirstOrDefault(c => c.Id == command.ConsentId) is { } consent && consent.ExpiresAt <= command.Now
            ? [new ConsentExpired(consent.Id, consent.AgencyId, command.Now)]
            : [];
}
