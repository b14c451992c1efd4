namespace Platform.Contracts.Intake;

/// <summary>How the client came to the lead agency.</summary>
public enum ReferralSource
{
    LawEnforcement,
    ServiceProvider,
    Hotline,
    SelfReferral,
    Community,
    ChildWelfare,
    Other,
}

/// <summary>Decides which federal programs can apply: per-capita windows are for foreign nationals only.</summary>
public enum ClientCategory
{
    ForeignNational,
    UsCitizenOrPermanentResident,
}

public enum AgeGroup
{
    Adult,
    Minor,
}

public enum TraffickingType
{
    Labor,
    Sex,
    LaborAndSex,
    Unknown,
}
