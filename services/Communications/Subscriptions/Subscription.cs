namespace Platform.Communications.Subscriptions;

// The Subscription stream: an agency's webhook endpoint and what it wants. Its secrets live apart (SubscriptionSecrets).

public sealed record SubscriptionCreated(Guid SubscriptionId, string AgencyId, bool Administrator, string Url,
    IReadOnlyList<string>? EventTypes, string? Description, DateTimeOffset CreatedAt);

public sealed record SubscriptionPaused(DateTimeOffset PausedAt);

public sealed record SubscriptionResumed(DateTimeOffset ResumedAt);

public sealed record SubscriptionDeleted(DateTimeOffset DeletedAt);

public sealed record SubscriptionSecretRotated(DateTimeOffset RotatedAt);

/// <summary>The endpoint answered 410 Gone: nothing more is sent until the agency resumes the subscription.</summary>
public sealed record SubscriptionDisabled(string Reason, DateTimeOffset DisabledAt);

public enum SubscriptionStatus
{
    Active,
    Paused,
    Disabled,
    Deleted,
}

public sealed record Subscription(Guid Id, string AgencyId, bool Administrator, string Url, IReadOnlyList<string>? EventTypes,
    string? Description, DateTimeOffset CreatedAt, SubscriptionStatus Status)
{
    public long Version { get; set; }

    public static Subscription Create(SubscriptionCreated e) =>
        new(e.SubscriptionId, e.AgencyId, e.Administrator, e.Url, e.EventTypes, e.Description, e.CreatedAt, SubscriptionStatus.Active);

    public Subscription Apply(SubscriptionPaused _) => this with { Status = SubscriptionStatus.Paused };

    public Subscription Apply(SubscriptionResumed _) => this with { Status = SubscriptionStatus.Active };

    public Subscription Apply(SubscriptionDeleted _) => this with { Status = SubscriptionStatus.Deleted };

    public Subscription Apply(SubscriptionSecretRotated _) => this;

    public Subscription Apply(SubscriptionDisabled _) => this with { Status = SubscriptionStatus.Disabled };

    /// <summary>Only the agency that registered a subscription sees it; a deleted one is gone for everybody.</summary>
    public bool IsOwnedBy(Platform.ServiceDefaults.Caller caller) =>
        Status != SubscriptionStatus.Deleted && string.Equals(AgencyId, caller.AgencyId, StringComparison.Ordinal);

    public bool Wants(string eventType) => EventTypes is null || EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>Who the subscription receives as: its agency (as an administrator when an administrator registered it).</summary>
    public Platform.ServiceDefaults.Caller AsCaller() => new(AgencyId, $"subscription-{Id}",
        Administrator ? new HashSet<string> { Platform.ServiceDefaults.PlatformRoles.Administrator } : new HashSet<string>());
}

/// <summary>
/// The signing secrets of a subscription (Standard Webhooks, <c>whsec_</c> + base64 of 32 bytes). After a rotation the
/// previous one stays valid until <see cref="PreviousValidUntil"/>, and deliveries are signed with both meanwhile.
/// </summary>
public sealed record SubscriptionSecrets(Guid Id, string Current, string? Previous, DateTimeOffset? PreviousValidUntil)
{
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
