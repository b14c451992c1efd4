namespace Platform.Contracts;

/// <summary>What kind of case information an event or a read touches; consent is granted per category.</summary>
public enum InformationCategory
{
    Identity,
    ContactLocation,
    Needs,
    ServicePlan,
    Referrals,
    Medical,
    MentalHealth,
    Legal,
    Immigration,
    Eligibility,
    Messages,
}
