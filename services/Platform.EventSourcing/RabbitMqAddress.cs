using MassTransit;
using RabbitMQ.Client;

namespace Platform.EventSourcing;

/// <summary>Reads host, port, virtual host and credentials from an amqp:// URI.</summary>
public static class RabbitMqAddress
{
    /// <summary>Credentials from the URI, and publisher confirms: a publish returns only once the broker has the message.</summary>
    public static Action<IRabbitMqHostConfigurator> Configure(Uri uri) => h =>
    {
        h.PublisherConfirmation = true;
        var parts = uri.UserInfo.Split(':', 2);
        if (parts[0].Length > 0) h.Username(Uri.UnescapeDataString(parts[0]));
        if (parts.Length > 1) h.Password(Uri.UnescapeDataString(parts[1]));
    };

    /// <summary>A plain RabbitMQ client connection factory for the same broker, for topology MassTransit does not own.</summary>
    public static ConnectionFactory ConnectionFactory(Uri uri, string clientName)
    {
        var credentials = uri.UserInfo.Split(':', 2);
        return new ConnectionFactory
        {
            HostName = uri.Host,
            Port = Port(uri),
            VirtualHost = VirtualHost(uri),
            UserName = Uri.UnescapeDataString(credentials[0]),
            Password = Uri.UnescapeDataString(credentials.ElementAtOrDefault(1) ?? ""),
            ClientProvidedName = clientName,
        };
    }

    public static ushort Port(Uri uri) => uri.Port > 0 ? (ushort)uri.Port : (ushort)5672;

    public static string VirtualHost(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        return path.Length == 0 ? "/" : path;
    }
}
