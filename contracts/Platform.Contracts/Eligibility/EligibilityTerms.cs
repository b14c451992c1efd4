namespace Platform.Contracts.Eligibility;

/// <summary>What opens a program's window: an enrollment by the case manager, a letter (certification, interim assistance, eligibility), an admission to a shelter.</summary>
public enum WindowTrigger
{
    Enrollment,
    Letter,
    Admission,
}

/// <summary>The letters that decide a foreign national's federal eligibility: an HHS certification letter (adults), an interim assistance and an eligibility letter (minors).</summary>
public enum LetterKind
{
    HhsCertification,
    InterimAssistance,
    Eligibility,
}

/// <summary>The state of a program window, after FHIR EpisodeOfCare.</summary>
public enum WindowStatus
{
    Planned,
    Active,
    OnHold,
    Finished,
    Cancelled,
}

/// <summary>Why a window closed before its end.</summary>
public enum WindowClosedReason
{
    /// <summary>A later program took over (a certification letter ends pre-certification services).</summary>
    Superseded,
}

/// <summary>Why a delivered service is not claimed for per-capita reimbursement.</summary>
public enum NotReimbursableReason
{
    /// <summary>A U.S. citizen or permanent resident: per-capita programs serve foreign nationals only.</summary>
    ClientCategoryNotEligible,

    /// <summary>The client was never enrolled in a per-capita program.</summary>
    NoPerCapitaWindow,

    /// <summary>Delivered on a day no per-capita window was open (before it started, after it ended, after it was superseded).</summary>
    OutsideWindow,

    /// <summary>A per-capita window was open but its program does not cover this type of service.</summary>
    ServiceNotCovered,
}

/// <summary>Why a claim was withdrawn.</summary>
public enum ClaimVoidReason
{
    ServiceEnteredInError,
    ReferralEnteredInError,
}
