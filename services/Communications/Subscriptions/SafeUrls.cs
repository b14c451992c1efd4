using System.Net;
using System.Net.Sockets;

namespace Platform.Communications.Subscriptions;

/// <summary>
/// Webhook URLs must be https and resolve only to public addresses: loopback, private, link-local, unique-local,
/// carrier-grade NAT, unspecified and cloud metadata addresses are refused, however the address is spelled (the URL is
/// parsed first: 2130706433, 0x7f000001, 0177.0.0.1, 127.1 and [::ffff:127.0.0.1] are all 127.0.0.1).
/// <c>Webhooks:AllowedHosts</c> names hosts allowed anyway, plain http included (a developer machine, tests).
/// </summary>
public sealed class SafeUrls(Webhooks.WebhookOptions options)
{
    private readonly AllowedHosts _allowed = new(options.AllowedHosts);

    /// <summary>Null when the URL may receive webhooks; otherwise why not.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.IdnHost.Length == 0)
            return "An absolute https URL without credentials.";
        if (_allowed.Allows(uri.IdnHost)) return uri.Scheme is "https" or "http" ? null : "An http(s) URL.";
        if (uri.Scheme != Uri.UriSchemeHttps) return "Webhook URLs must use https.";

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return "The host does not resolve.";
        }
        return addresses.Length == 0 ? "The host does not resolve."
            : addresses.Any(IsNonPublic) ? "The host resolves to a private, loopback, link-local or metadata address."
            : null;
    }

    public static bool IsNonPublic(IPAddress address)
    {
        address = Canonical(address);
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                || v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0                    // IPv4-compatible ::a.b.c.d
                || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b) // NAT64 64:ff9b::/96 reaches any IPv4 address
                || (v6[0] == 0x20 && v6[1] == 0x02);                                  // 6to4 2002::/16 embeds an IPv4 address
        }
        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)           // link-local, cloud metadata (169.254.169.254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || b[0] == 0 || b[0] >= 224;
    }

    /// <summary>One address, one form: an IPv4-mapped IPv6 address is the IPv4 address it maps.</summary>
    public static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

/// <summary>
/// <c>Webhooks:AllowedHosts</c>, compared on what a connection would reach: an entry that is an address allows that address
/// in every spelling (127.0.0.1 also allows 127.1, 2130706433 and [::ffff:127.0.0.1], but not [::1], another address); an entry
/// that is a name allows that name, case-insensitively. The same rule at registration and at connect time.
/// </summary>
public sealed class AllowedHosts
{
    private readonly HashSet<IPAddress> _addresses = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public AllowedHosts(IEnumerable<string> entries)
    {
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
            if (AddressOf(entry) is { } address) _addresses.Add(address);
            else _names.Add(entry.TrimEnd('.'));
    }

    /// <param name="host">A URL's host or a connection's host, bracketed or not.</param>
    public bool Allows(string host) =>
        AddressOf(host) is { } address ? _addresses.Contains(address) : _names.Contains(host.TrimEnd('.'));

    /// <summary>The address a host spells, parsed as a URL parses it, or null for a name.</summary>
    private static IPAddress? AddressOf(string host)
    {
        var bracketed = host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
        return Uri.TryCreate($"http://{bracketed}/", UriKind.Absolute, out var uri)
            && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.IdnHost, out var address)
                ? SafeUrls.Canonical(address)
                : null;
    }
}
