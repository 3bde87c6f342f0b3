using System.Collections.Concurrent;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>Web chat visitors posting messages one after another (each text unique), keeping those answered 200.</summary>
public sealed class WebChatTraffic : IAsyncDisposable
{
    private readonly HttpClient client;
    private readonly ConcurrentBag<AnsweredMessage> answered = [];
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops = [];
    private int failed;
    private int sequence;

    private WebChatTraffic(HttpClient client) => this.client = client;

    public int AnsweredCount => answered.Count;

    public int Failed => Volatile.Read(ref failed);

    public static async Task<WebChatTraffic> StartAsync(Uri bot, int visitors, int urgentEvery, string urgent, string ordinary)
    {
        var traffic = new WebChatTraffic(new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(20) });
        for (var v = 0; v < visitors; v++)
        {
            var token = await (await traffic.client.PostAsync("/api/webchat/token", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var (conversationId, bearer) = (token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new("Bearer", bearer);
            (await traffic.client.SendAsync(start)).EnsureSuccessStatusCode();
            var urgentVisitor = v % urgentEvery == 0;
            traffic.loops.Add(Task.Run(() => traffic.PostLoopAsync(conversationId, bearer, urgentVisitor ? urgent : ordinary, urgentVisitor)));
        }
        return traffic;
    }

    private async Task PostLoopAsync(string conversationId, string token, string content, bool urgent)
    {
        while (!stop.IsCancellationRequested)
        {
            var text = $"{content} ({Interlocked.Increment(ref sequence)})";
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
            {
                Content = JsonContent.Create(new { type = "message", from = new { id = "user" }, text }),
            };
            request.Headers.Authorization = new("Bearer", token);
            try
            {
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK) answered.Add(new AnsweredMessage(conversationId, text, urgent));
                else Interlocked.Increment(ref failed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
            await Task.Delay(100);
        }
    }

    public async Task<IReadOnlyList<AnsweredMessage>> StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return [.. answered];
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested) await StopAsync();
        client.Dispose();
        stop.Dispose();
    }
}
