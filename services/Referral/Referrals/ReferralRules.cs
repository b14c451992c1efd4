using System.Text.Json;
using Platform.Contracts;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals;

/// <summary>The two sides of a referral: the agency that asks, and the provider agency that answers and serves.</summary>
public enum ReferralSide
{
    Requesting,
    Receiving,
}

/// <summary>The rules every change to a referral shares.</summary>
public static class ReferralRules
{
    /// <summary>
    /// Who may see a referral: the receiving agency (it has to answer it), and whoever may see the case's referrals
    /// (the lead agency, a team agency with a referrals consent in force, an administrator). Anyone else: 404.
    /// </summary>
    public static bool MayBeSeenBy(this Referral referral, Caller caller, CaseAccess? access, DateTimeOffset now) =>
        referral.IsOn(ReferralSide.Receiving, caller.AgencyId) || access?.MaySee(caller, InformationCategory.Referrals, now) == true;

    public static bool IsOn(this Referral referral, ReferralSide side, string agencyId) =>
        string.Equals(agencyId, side == ReferralSide.Requesting ? referral.RequestingAgencyId : referral.ReceivingAgencyId,
            StringComparison.Ordinal);

    /// <summary>Only the named side acts: the requester requests, cancels and marks in error; the receiver does the rest.</summary>
    public static void MustBeActedOnBy(this Referral referral, string agencyId, ReferralSide side, string action)
    {
        if (!referral.IsOn(side, agencyId))
            throw new CommandRejectedException(
                $"Only the {(side == ReferralSide.Requesting ? "requesting" : "receiving")} agency may {action} a referral.");
    }

    public static void MustBeIn(this Referral referral, string action, params ReferralStatus[] allowed)
    {
        if (!allowed.Contains(referral.Status))
            throw new CommandRejectedException(
                $"A referral that is {Describe(referral.Status)} cannot be {action}; allowed from: {string.Join(", ", allowed.Select(Describe))}.");
    }

    public static string Describe(ReferralStatus status) => PlatformJson.Name(status);
}
