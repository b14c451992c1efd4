using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Communications.Ledger;
using Platform.Contracts;
using Platform.Contracts.Disclosure;

namespace Platform.Communications.Disclosures;

/// <summary>
/// One disclosure of a case: an event handed to an agency (<c>delivery:webhook</c>, <c>delivery:feed</c>,
/// <c>delivery:stream</c>) or a read of its data in any service (<c>read</c>, what was read in <see cref="What"/>). Written once, never edited;
/// the <see cref="DisclosureChain"/> seals it into the hash chain shortly after (<see cref="Position"/>, <see cref="Hash"/>).
/// </summary>
public sealed record DisclosureRecord(Guid Id, Guid CaseId, string Kind, string AgencyId, string UserId, string What,
    IReadOnlyList<InformationCategory> Categories, string Outcome, DateTimeOffset At, Guid? EventId)
{
    /// <summary>Place in the chain, from 1; null until sealed.</summary>
    public long? Position { get; init; }

    /// <summary>The hash of the entry before (64 zeros for the first).</summary>
    public string? PreviousHash { get; init; }

    /// <summary>SHA-256 (hex) of the previous hash and this entry's content.</summary>
    public string? Hash { get; init; }

    public static DisclosureRecord Delivery(LedgerEntry entry, string agencyId, string userId, string channel, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), entry.CaseId, $"delivery:{channel}", agencyId, userId, entry.Type, [entry.Category], "delivered", at,
            entry.EventId);

    public static DisclosureRecord Read(CaseDataRead read) =>
        new(Guid.CreateVersion7(), read.CaseId, "read", read.Actor.AgencyId, read.Actor.UserId, read.Resource,
            read.Categories, read.Outcome.ToString(), read.OccurredAt, read.EventId);

    public DisclosureRecord Seal(long position, string previousHash) =>
        this with { Position = position, PreviousHash = previousHash, Hash = ComputeHash(position, previousHash) };

    /// <summary>
    /// The hash this entry must carry at a position after a previous hash: over every field, in a fixed order, with
    /// unambiguous separators, so that changing, removing or reordering any entry breaks the chain from there on.
    /// </summary>
    public string ComputeHash(long position, string previousHash)
    {
        var content = string.Join('\u001f',
            position.ToString(CultureInfo.InvariantCulture), previousHash, Id.ToString("N"), CaseId.ToString("N"), Kind, AgencyId, UserId,
            What, string.Join(',', Categories.Select(c => ((int)c).ToString(CultureInfo.InvariantCulture))), Outcome,
            At.UtcTicks.ToString(CultureInfo.InvariantCulture), EventId?.ToString("N") ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
}

/// <summary>The end of the chain: the last sealed position and its hash (one document, optimistic concurrency).</summary>
public sealed record DisclosureChainHead(int Id, long Position, string Hash)
{
    public const int SingletonId = 1;
}
