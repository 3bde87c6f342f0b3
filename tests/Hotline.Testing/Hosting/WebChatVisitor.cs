using System.Net.Http.Json;
using System.Text.Json;

namespace Hotline.Testing;

/// <summary>A person on the web chat, speaking Direct Line 3.0 as the page does.</summary>
public sealed class WebChatVisitor : IDisposable
{
    private string watermark = "";

    public WebChatVisitor(Uri bot, string conversationId, string token)
        : this(new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(30) }, conversationId, token)
    {
    }

    /// <summary>A visitor speaking through this client (one from another network address: <see cref="LoopbackClients"/>); it takes the client over.</summary>
    public WebChatVisitor(HttpClient client, string conversationId, string token)
    {
        ConversationId = conversationId;
        Token = token;
        Client = client;
        Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    public string ConversationId { get; }
    public string Token { get; }
    public HttpClient Client { get; }
    public List<JsonElement> Received { get; } = [];

    /// <summary>The user id the token carries (what Direct Line clients see as from.id).</summary>
    public string UserId
    {
        get
        {
            var payload = Token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("u").GetString()!;
        }
    }

    public Task<HttpResponseMessage> SayAsync(string text) =>
        Client.PostAsJsonAsync($"/v3/directline/conversations/{ConversationId}/activities", new { type = "message", text });

    /// <summary>Fetches new activities after the watermark and keeps them.</summary>
    public async Task<IReadOnlyList<JsonElement>> PollAsync()
    {
        var query = watermark.Length > 0 ? $"?watermark={watermark}" : "";
        var set = await Client.GetFromJsonAsync<JsonElement>($"/v3/directline/conversations/{ConversationId}/activities{query}");
        watermark = set.GetProperty("watermark").GetString()!;
        var fresh = set.GetProperty("activities").EnumerateArray().Select(a => a.Clone()).ToList();
        Received.AddRange(fresh);
        return fresh;
    }

    /// <summary>Polls until a message from the hotline satisfies the condition, or fails after the timeout.</summary>
    public async Task<JsonElement> WaitForBotMessageAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await PollAsync();
            foreach (var a in Received)
            {
                if (a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.TryGetProperty("text", out var t) && condition(t.GetString()!)) return a;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("No matching message from the hotline arrived in time");
    }

    public IEnumerable<string> BotTexts() =>
        Received.Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot").Select(a => a.GetProperty("text").GetString()!);

    public void Dispose() => Client.Dispose();
}
