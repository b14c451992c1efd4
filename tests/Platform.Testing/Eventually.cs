using System.Net;

namespace Platform.Testing;

/// <summary>For what another service learns a moment later (through its events): ask again until the answer comes.</summary>
public static class Eventually
{
    /// <summary>
    /// Sends the request until it is answered with <paramref name="expected"/>, or returns the last answer after
    /// <paramref name="seconds"/>. Only for requests that change nothing until they succeed (a read, or a write refused 404).
    /// </summary>
    public static async Task<HttpResponseMessage> AnsweredAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var response = await send();
            if (response.StatusCode == expected || DateTime.UtcNow > deadline) return response;
            await Task.Delay(100);
        }
    }
}
