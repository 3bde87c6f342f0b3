using System.Net.WebSockets;
using System.Text;

namespace Hotline.EndToEnd.Tests;

/// <summary>Every service is stateless: two Bots behind one address behave as one.</summary>
[Collection(HotlineCollection.Name)]
public sealed class ScaleOutTests(HotlineStack stack)
{
    [Fact]
    public async Task A_message_posted_to_one_bot_and_an_operators_reply_reach_a_stream_open_on_another_bot()
    {
        var (other, otherUrl) = await stack.StartBotAsync();
        await using var _ = other;
        var operatorClient = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();

        using var socket = new ClientWebSocket();
        var stream = new Uri($"ws://{otherUrl.Authority}/v3/directline/conversations/{visitor.ConversationId}/stream?t={Uri.EscapeDataString(visitor.Token)}");
        await socket.ConnectAsync(stream, CancellationToken.None);
        var received = new List<string>();
        var reading = ReadAllAsync(socket, received);

        (await visitor.SayAsync("my father beats me, he took my passport and I can't leave")).EnsureSuccessStatusCode();
        await WaitForAsync(received, t => t.Contains("my father beats me", StringComparison.Ordinal));
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(operatorClient, visitor.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        (await operatorClient.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "We are here. Is someone with you now?" })).EnsureSuccessStatusCode();
        await WaitForAsync(received, t => t == "We are here. Is someone with you now?");

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await reading;
    }

    private static async Task ReadAllAsync(ClientWebSocket socket, List<string> texts)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close || message.Length == 0) continue;
                var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement;
                foreach (var a in set.GetProperty("activities").EnumerateArray())
                {
                    if (a.TryGetProperty("text", out var t)) lock (texts) texts.Add(t.GetString()!);
                }
            }
        }
        catch (WebSocketException)
        {
        }
    }

    private static async Task WaitForAsync(List<string> texts, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (texts) if (texts.Any(match)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the other Bot's stream did not carry the message");
            await Task.Delay(50);
        }
    }
}
