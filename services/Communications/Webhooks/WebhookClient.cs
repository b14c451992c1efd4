using System.Net;
using System.Net.Sockets;
using Platform.Communications.Subscriptions;

namespace Platform.Communications.Webhooks;

/// <summary>
/// The HTTP client webhooks go out with: no redirects, and every connection checked again at connect time, so a
/// host that resolved to a public address at registration cannot be repointed at a private one later.
/// </summary>
public static class WebhookClient
{
    public static IServiceCollection AddWebhookClient(this IServiceCollection services, WebhookOptions options)
    {
        var allowed = new AllowedHosts(options.AllowedHosts);
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                ConnectCallback = async (context, ct) =>
                {
                    var host = context.DnsEndPoint.Host;
                    var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
                    if (!allowed.Allows(host) && addresses.Any(SafeUrls.IsNonPublic))
                        throw new HttpRequestException($"Refused to connect to a non-public address for {host}.");
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            });
        return services;
    }
}
