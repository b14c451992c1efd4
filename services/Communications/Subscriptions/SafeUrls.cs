using System.Net;
using System.Net.Sockets;

namespace Platform.Communications.Subscriptions;

/// <summary>
/// Webhook URLs must be https and resolve only to public addresses: loopback, private, link-local, unique-local,
/// carrier-grade NAT, unspecified and cloud metadata addresses are refused. <c>Webhooks:AllowedHosts</c> names hosts
/// allowed anyway, plain http included (a developer machine, tests).
/// </summary>
public sealed class SafeUrls(Webhooks.WebhookOptions options)
{
    private readonly HashSet<string> _allowed = options.AllowedHosts.ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the URL may receive webhooks; otherwise why not.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
            return "An absolute https URL without credentials.";
        if (_allowed.Contains(uri.Host)) return uri.Scheme is "https" or "http" ? null : "An http(s) URL.";
        if (uri.Scheme != Uri.UriSchemeHttps) return "Webhook URLs must use https.";

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.Host, ct);
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
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)           // link-local, cloud metadata (169.254.169.254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || b[0] == 0 || b[0] >= 224;
    }
}
