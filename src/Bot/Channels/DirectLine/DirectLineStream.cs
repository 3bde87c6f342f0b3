using System.Net.WebSockets;
using System.Text.Json;
using Hotline.Core.Storage;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line's WebSocket stream: the server pushes ActivitySets as they are added; the client only listens.
/// Woken through Redis pub/sub, so a message added on any Bot instance reaches a stream open on another.
/// </summary>
public static class DirectLineStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    public static async Task<IResult> Stream(string conversationId, string? watermark, string? t, HttpContext context, DirectLineTokens tokens,
        HotlineRedis redis, DeliveryBuffer buffer)
    {
        var grant = tokens.Validate(t ?? DirectLineTokens.BearerFrom(context.Request.Headers.Authorization));
        if (grant is null) return TypedResults.Problem("A valid Direct Line token is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        if (grant.ConversationId != conversationId) return TypedResults.Problem("The token is not valid for this conversation.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        if (!context.WebSockets.IsWebSocketRequest) return TypedResults.Problem("Open this address as a WebSocket.", statusCode: StatusCodes.Status400BadRequest, title: "WebSocket expected");
        if (!await redis.Db.KeyExistsAsync(RedisKeys.Conversation(conversationId))) return TypedResults.Problem("No conversation with this id exists.", statusCode: StatusCodes.Status404NotFound, title: "Unknown conversation");
        long from = long.TryParse(watermark, out var w) && w >= 0 ? w : 0;
        // A client reconnecting with its watermark holds everything before it: those copies are dropped.
        await buffer.DropFetchedAsync(conversationId, from);

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var wake = new SemaphoreSlim(0);
        var subscription = await redis.Subscriber.SubscribeAsync(DeliveryBuffer.WakeChannel(conversationId));
        subscription.OnMessage(_ => { if (wake.CurrentCount == 0) wake.Release(); });
        var ephemeral = System.Threading.Channels.Channel.CreateBounded<string>(16);
        var typing = await redis.Subscriber.SubscribeAsync(DeliveryBuffer.EphemeralChannel(conversationId));
        typing.OnMessage(m => { ephemeral.Writer.TryWrite(m.Message.ToString()); if (wake.CurrentCount == 0) wake.Release(); });
        var listening = ListenUntilClosedAsync(socket, closed);
        try
        {
            while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                while (ephemeral.Reader.TryRead(out var json))
                {
                    var activity = JsonSerializer.Deserialize<Core.Messages.Activity>(json, Core.Messages.Activity.Json)!;
                    var signal = new ActivitySet([activity], from.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(signal, Core.Messages.Activity.Json), WebSocketMessageType.Text, true, closed.Token);
                }
                var (activities, next) = await buffer.ReadAsync(conversationId, from, grant.UserId);
                from = next;
                if (activities.Count > 0)
                {
                    var set = new ActivitySet(activities, next.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(set, Core.Messages.Activity.Json), WebSocketMessageType.Text, true, closed.Token);
                    continue;
                }
                if (!await wake.WaitAsync(Heartbeat, closed.Token))
                {
                    // An empty message, as Direct Line sends, keeps proxies from closing an idle stream.
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, closed.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            await subscription.UnsubscribeAsync();
            await typing.UnsubscribeAsync();
            await closed.CancelAsync();
            await listening;
            // Answer the client's close (CloseReceived) as well as closing first ourselves: a clean handshake either way.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
                catch (WebSocketException) { }
            }
        }
        return TypedResults.Empty;
    }

    /// <summary>The client sends nothing but close frames; reading is how a close is noticed.</summary>
    private static async Task ListenUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await closed.CancelAsync();
    }
}
