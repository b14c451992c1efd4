using System.Security.Cryptography;
using System.Text;
using Platform.Communications.Subscriptions;

namespace Platform.Communications.Webhooks;

/// <summary>Standard Webhooks signatures: <c>v1,</c> + base64 HMAC-SHA256 of <c>id.timestamp.body</c> with the secret's bytes.</summary>
public static class WebhookSigner
{
    public static string Sign(string secret, string id, long timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>Every signature in force: the current secret's, and the previous one's during the rotation overlap.</summary>
    public static string Header(SubscriptionSecrets secrets, string id, long timestamp, byte[] body, DateTimeOffset now)
    {
        var header = Sign(secrets.Current, id, timestamp, body);
        return secrets.Previous is { } previous && secrets.PreviousValidUntil > now
            ? $"{header} {Sign(previous, id, timestamp, body)}"
            : header;
    }
}
