using System.Net.Sockets;
using System.Text;
using Platform.Testing;

namespace Platform.Fuzz.Tests;

/// <summary>
/// Requests malformed below HTTP's own grammar, sent as raw bytes to the gateway and to a service. What reaches the pipeline is
/// a problem; what Kestrel refuses itself (README, "Bad input") is a bare 4xx it writes before any application code, never a 5xx.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class BeforeRoutingTests(FuzzFixture fixture)
{
    private const string Host = "Host: 127.0.0.1\r\nConnection: close\r\n";

    public static IEnumerable<object[]> Targets => [["gateway"], ["intake"]];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_control_character_that_reaches_the_pipeline_is_a_problem(string target)
    {
        var auth = $"Authorization: Bearer {fixture.Tokens.For(fixture.LeadAgency)}\r\n";
        foreach (var request in new[]
                 {
                     $"GET /api/intake/cases/%01 HTTP/1.1\r\n{Host}{auth}\r\n",
                     $"GET /api/intake/cases/\u0001 HTTP/1.1\r\n{Host}{auth}\r\n",
                     $"GET /api/intake/cases?status=%00 HTTP/1.1\r\n{Host}{auth}\r\n",
                     $"GET /api/intake/cases HTTP/1.1\r\n{Host}{auth}X-Synthetic: a\u0001b\r\n\r\n",
                 })
        {
            var (status, contentType, _) = await SendRawAsync(Port(target), request);
            Assert.True(status == 400 && contentType == "application/problem+json", $"{request.Split('\r')[0]}: {status} {contentType}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task What_Kestrel_refuses_before_the_application_is_a_bare_4xx_never_a_5xx(string target)
    {
        foreach (var (request, expected) in new (string, int)[]
                 {
                     ($"GET /api/intake/cases/%00 HTTP/1.1\r\n{Host}\r\n", 400),
                     ("GET /health/live HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n", 400),
                     ("GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                     ($"GET /health/live HTTP/1.1\r\n{Host}X-Synthetic: {new string('a', 40_000)}\r\n\r\n", 431),
                     ($"GET /health/live?{new string('a', 9_000)} HTTP/1.1\r\n{Host}\r\n", 414),
                     ($"GET /health/live HTTP/1.1\r\n{Host}X-Synthetic: a\u0000b\r\n\r\n", 400),
                     ($"GET /health/live HTTP/1.1\r\n{Host}X Synthetic: a\r\n\r\n", 400),
                     ($"POST /api/intake/cases HTTP/1.1\r\n{Host}Content-Length: abc\r\n\r\n", 400),
                 })
        {
            var (status, _, bodyLength) = await SendRawAsync(Port(target), request);
            Assert.True(status == expected && bodyLength == 0, $"{request.Split('\r')[0][..Math.Min(60, request.IndexOf('\r'))]}: {status}, {bodyLength} bytes");
        }
    }

    private int Port(string target) => target == "gateway" ? fixture.Gateway.Port : fixture.Services[target].Port;

    private static async Task<(int Status, string? ContentType, int BodyLength)> SendRawAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            // Kestrel may reset the connection right after its answer; what it wrote is what counts.
        }
        var text = Encoding.Latin1.GetString(answer.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"no answer to {request.Split('\r')[0][..Math.Min(60, request.IndexOf('\r'))]}");
        var head = text[..end].Split("\r\n");
        var type = head.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Split(';')[0].Trim();
        return (int.Parse(head[0].Split(' ')[1]), type, text.Length - end - 4);
    }
}
