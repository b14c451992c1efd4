namespace Platform.Contracts.Referral;

/// <summary>What a provider's service does (after the service types of the provider directory).</summary>
public enum ServiceType
{
    Shelter,
    Medical,
    MentalHealth,
    Legal,
    ImmigrationLegal,
    Interpretation,
    Benefits,
    Education,
    Employment,
    Transportation,
    FamilyReunification,
    CaseManagement,
}

/// <summary>What a delivered service is counted in.</summary>
public enum ServiceUnit
{
    Nights,
    Days,
    Hours,
    Sessions,
    Visits,
    Trips,
}

/// <summary>Why a provider declined a referral; a reason is required, and never free text.</summary>
public enum RejectionReason
{
    NoCapacity,
    NotEligible,
    ServiceNotOffered,
    LanguageNotAvailable,
    OutsideServiceArea,
    ClientDeclined,
    Other,
}

/// <summary>Why an accepted referral ended without the service being completed.</summary>
public enum FailureReason
{
    ClientDidNotAttend,
    ClientWithdrew,
    ClientUnreachable,
    ProviderUnableToServe,
    Other,
}

/// <summary>Why a referral needs following up.</summary>
public enum FollowUpReason
{
    /// <summary>The receiving agency has not answered a request.</summary>
    NoAnswer,

    /// <summary>An accepted or started referral has had no update.</summary>
    NoUpdate,
}
