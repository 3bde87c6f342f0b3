using Microsoft.Extensions.Options;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Expiry;
using Hotline.Bot.Flow;
using Hotline.Bot.Limits;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Messages;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0 (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-api-reference),
/// served by the Bot itself for anonymous web chat visitors: tokens, conversations, activities.
/// </summary>
public static class DirectLineApi
{
    /// <summary>The event a web chat page sends for a counsellor's message: value "delivered" or "read", replyToId its activity id.</summary>
    public const string ReceiptEvent = "receipt";

    private static ReplyState? ReceiptState(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.String } v
            ? v.GetString() switch { "delivered" => ReplyState.Delivered, "read" => ReplyState.Read, _ => null }
            : null;

    public const int MaxTextLength = 4000;
    public const long MaxBodyBytes = 64 * 1024;
    public const string CorsPolicy = "webchat";

    public static IEndpointRouteBuilder MapDirectLineApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webchat/token", IssueAnonymousToken).RequireCors(CorsPolicy).RequireRateLimiting(AbuseLimits.Starts);
        app.MapDelete("/api/webchat/conversations/{conversationId}", DeleteConversation).RequireCors(CorsPolicy);

        var api = app.MapGroup("/v3/directline").RequireCors(CorsPolicy);
        api.MapPost("/tokens/generate", GenerateToken).RequireRateLimiting(AbuseLimits.Starts);
        api.MapPost("/tokens/refresh", RefreshToken);
        api.MapPost("/conversations", StartConversation).RequireRateLimiting(AbuseLimits.Starts);
        api.MapGet("/conversations/{conversationId}", ReconnectConversation);
        api.MapPost("/conversations/{conversationId}/activities", PostActivity).RequireRateLimiting(AbuseLimits.Posts);
        api.MapGet("/conversations/{conversationId}/activities", GetActivities);
        api.MapGet("/conversations/{conversationId}/stream", DirectLineStream.Stream);
        return app;
    }

    /// <summary>
    /// "Delete this conversation" on the web chat page, with the conversation's own token: the one deletion path
    /// (<see cref="ConversationDeletion"/>), and the answer says what it did.
    /// </summary>
    public static async Task<Results<Ok<WebChatDeletion>, ProblemHttpResult>> DeleteConversation(
        string conversationId, HttpRequest request, DirectLineTokens tokens, ConversationDeletion deletion, MessageStates states)
    {
        if (Authorize(request, tokens, conversationId) is { } problem) return problem;
        var deleted = await deletion.DeleteConversationAsync(conversationId);
        if (!deleted.Found) return UnknownConversation();
        // A chat that continued an SMS or WhatsApp conversation with the case code: those messages go at Twilio too.
        await states.ScheduleDeletionsAsync(deleted.ChannelMessageIds);
        return TypedResults.Ok(new WebChatDeletion(true, deleted.CodeRevoked, deleted.CaseId is not null));
    }

    /// <summary>Like Direct Line's token generation, but with no secret: anyone may start an anonymous conversation.</summary>
    public static Ok<DirectLineConversation> IssueAnonymousToken(DirectLineTokens tokens)
    {
        var (token, grant) = tokens.Issue();
        return TypedResults.Ok(new DirectLineConversation(grant.ConversationId, token, tokens.ExpiresInSeconds));
    }

    /// <summary>
    /// Direct Line's token generation for a hotline website's own server: it holds the Direct Line secret
    /// (HOTLINE_DIRECTLINE_SECRET) and hands the browser a token for one new conversation, never the secret.
    /// </summary>
    public static Results<Ok<DirectLineConversation>, ProblemHttpResult> GenerateToken(HttpRequest request, DirectLineTokens tokens, IOptions<DirectLineOptions> options)
    {
        if (!HoldsSecret(request, options.Value)) return TypedResults.Problem("A valid Direct Line secret is required (Authorization: Bearer SECRET).", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        var (token, grant) = tokens.Issue();
        return TypedResults.Ok(new DirectLineConversation(grant.ConversationId, token, tokens.ExpiresInSeconds));
    }

    private static bool HoldsSecret(HttpRequest request, DirectLineOptions options)
    {
        var secret = options.Secret;
        var given = DirectLineTokens.BearerFrom(request.Headers.Authorization);
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(given)) return false;
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(given));
    }

    /// <summary>
    /// Direct Line's token refresh (POST /v3/directline/tokens/refresh, Authorization: Bearer TOKEN), which the official
    /// client calls on a timer: a genuine, unexpired token of a live conversation gets a new token for the same
    /// conversation and user with a fresh expiry. An expired or altered token, or one whose conversation is gone, gets 403
    /// (the client then stops trying) and nothing is written.
    /// </summary>
    public static async Task<Results<Ok<DirectLineConversation>, ProblemHttpResult>> RefreshToken(HttpRequest request, DirectLineTokens tokens, HotlineRedis redis,
        IOptions<ConversationLifetimeOptions> lifetime, TimeProvider time)
    {
        var given = DirectLineTokens.BearerFrom(request.Headers.Authorization);
        if (string.IsNullOrEmpty(given)) return Unauthorized();
        var (state, grant) = tokens.Inspect(given);
        if (state == TokenState.Invalid) return RefreshRefused("Invalid token", "This is not a token this hotline gave out; start a new conversation.");
        if (state == TokenState.Expired) return RefreshRefused("Token expired", "An expired token cannot be refreshed; start a new conversation.");
        var stored = await redis.Db.HashGetAsync(RedisKeys.Conversation(grant!.ConversationId), [ConversationStore.ChannelField, ConversationTombstone.DeletedAtField, ConversationStore.CreatedAtField]);
        if (stored[0] != Channel.WebChat.ToWire()) return RefreshRefused("No conversation", "The token's conversation was never started here; start a new conversation.");
        if (!stored[1].IsNullOrEmpty) return RefreshRefused("Conversation deleted", "This conversation was deleted; start a new one to write again.");
        // Past its maximum age a conversation gets no new token (and a renewed one never outlives that age): the person
        // starts a new conversation, and can continue their case there with its code.
        var end = DateTimeOffset.FromUnixTimeMilliseconds((long)stored[2]) + lifetime.Value.MaxAge;
        if (end <= time.GetUtcNow()) return RefreshRefused("Conversation too old", "This conversation reached its maximum age; start a new one to write again.");
        var (token, renewed) = tokens.Issue(grant.ConversationId, grant.UserId, end);
        return TypedResults.Ok(new DirectLineConversation(grant.ConversationId, token, tokens.ExpiresInSecondsOf(renewed)));
    }

    private static ProblemHttpResult RefreshRefused(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: title);

    public static async Task<Results<Created<DirectLineConversation>, ProblemHttpResult>> StartConversation(
        HttpRequest request, DirectLineTokens tokens, ConversationFlow flow, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        string token;
        DirectLineGrant grant;
        if (tokens.Validate(DirectLineTokens.BearerFrom(request.Headers.Authorization)) is { } given)
        {
            (token, grant) = (DirectLineTokens.BearerFrom(request.Headers.Authorization)!, given);
        }
        else if (HoldsSecret(request, options.Value))
        {
            // Started with the secret itself, as Direct Line allows: the client gets a token for the new conversation.
            (token, grant) = tokens.Issue();
        }
        else
        {
            return Unauthorized();
        }
        await flow.StartAsync(grant.ConversationId, Channel.WebChat, cancellationToken);
        return TypedResults.Created($"/v3/directline/conversations/{grant.ConversationId}",
            new DirectLineConversation(grant.ConversationId, token, tokens.ExpiresInSeconds, StreamUrl(request, grant.ConversationId, token, null)));
    }

    public static async Task<Results<Ok<DirectLineConversation>, ProblemHttpResult>> ReconnectConversation(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, HotlineRedis redis)
    {
        if (Authorize(request, tokens, conversationId) is { } problem) return problem;
        if (!await redis.Db.KeyExistsAsync(RedisKeys.Conversation(conversationId))) return UnknownConversation();
        var token = DirectLineTokens.BearerFrom(request.Headers.Authorization)!;
        return TypedResults.Ok(new DirectLineConversation(conversationId, token, tokens.ExpiresInSeconds, StreamUrl(request, conversationId, token, watermark)));
    }

    /// <summary>The WebSocket address, on the host the client used; the token rides in the URL as Direct Line's does.</summary>
    private static string StreamUrl(HttpRequest request, string conversationId, string token, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var query = $"?t={Uri.EscapeDataString(token)}" + (string.IsNullOrEmpty(watermark) ? "" : $"&watermark={Uri.EscapeDataString(watermark)}");
        return $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{conversationId}/stream{query}";
    }

    public static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> PostActivity(
        string conversationId, HttpRequest request, DirectLineTokens tokens, HotlineRedis redis, DeliveryBuffer buffer,
        ConversationFlow flow, NetworkAddresses addresses, ReplyStates replies, CancellationToken cancellationToken)
    {
        if (Authorize(request, tokens, conversationId) is { } problem) return problem;
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, Activity.Json, cancellationToken);
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not a valid JSON activity.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (activity is null) return TypedResults.Problem("The body is empty.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");
        var stored = await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), [ConversationStore.ChannelField, ConversationTombstone.DeletedAtField]);
        if (stored[0].IsNullOrEmpty) return UnknownConversation();
        if (!stored[1].IsNullOrEmpty)
        {
            return TypedResults.Problem("This conversation was deleted; start a new one to write again.", statusCode: StatusCodes.Status410Gone, title: "Conversation deleted");
        }

        switch (activity.Type)
        {
            case Activity.Types.Typing:
                // The console shows that the person is typing; nothing is stored.
                await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.PersonTyping), conversationId);
                return TypedResults.Ok(new ResourceResponse($"{conversationId}|ephemeral"));
            case Activity.Types.Event:
                // The page's receipt for a counsellor's message (received, or shown on a visible page) moves that reply's
                // state in the console; only an activity of this conversation. Other client events carry nothing kept.
                if (activity.Name == ReceiptEvent && ReceiptState(activity) is { } state
                    && activity.ReplyToId is { } receivedId && receivedId.StartsWith(conversationId + "|", StringComparison.Ordinal))
                {
                    await replies.AdvanceByHandleAsync(WebChatDelivery.ReceiptHandle(receivedId), state);
                }
                return TypedResults.Ok(new ResourceResponse($"{conversationId}|ephemeral"));
            case Activity.Types.Message:
                break;
            default:
                return TypedResults.Problem($"Activities of type '{activity.Type}' are not accepted here.", statusCode: StatusCodes.Status400BadRequest, title: "Unsupported activity type");
        }
        var text = activity.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return TypedResults.Problem("A message activity needs text.", statusCode: StatusCodes.Status400BadRequest, title: "Empty message");
        if (text.Length > MaxTextLength) return TypedResults.Problem($"A message may hold at most {MaxTextLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Message too long");

        // A client that retries the same activity (same clientActivityID) gets the same id and is stored once.
        var clientActivityId = ClientActivityId(activity);
        var dedupeKey = clientActivityId is null ? null : RedisKeys.Dedupe("dl", $"{conversationId}:{clientActivityId}");
        if (dedupeKey is not null && !await redis.Db.StringSetAsync(dedupeKey, "", TimeSpan.FromHours(24), When.NotExists))
        {
            var previous = (string?)await redis.Db.StringGetAsync(dedupeKey);
            return TypedResults.Ok(new ResourceResponse(string.IsNullOrEmpty(previous) ? $"{conversationId}|pending" : previous));
        }

        try
        {
            var id = await buffer.AppendAsync(conversationId, new Activity
            {
                Type = Activity.Types.Message,
                From = new ChannelAccount(null, null, "user"),
                Text = text,
                Locale = activity.Locale,
                ChannelId = "directline",
                ChannelData = clientActivityId is null ? null : JsonSerializer.SerializeToElement(new { clientActivityID = clientActivityId }),
            });
            if (dedupeKey is not null) await redis.Db.StringSetAsync(dedupeKey, id, TimeSpan.FromHours(24));
            await flow.ReceiveAsync(new InboundMessage(conversationId, Channel.WebChat, text, Source: addresses.Of(request.HttpContext)), cancellationToken);
            return TypedResults.Ok(new ResourceResponse(id));
        }
        catch (Exception e) when (dedupeKey is not null && RedisFailures.IsUnavailable(e))
        {
            // Not stored (Redis full or gone; the client is answered 503): its retry of this clientActivityID must be taken
            // again, not answered with the id of a message that never reached the transcript. DEL is allowed on a full Redis.
            await redis.Db.KeyDeleteAsync(dedupeKey, CommandFlags.FireAndForget);
            throw;
        }
    }

    public static async Task<Results<Ok<ActivitySet>, ProblemHttpResult>> GetActivities(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, HotlineRedis redis, DeliveryBuffer buffer)
    {
        if (Authorize(request, tokens, conversationId, out var grant) is { } problem) return problem;
        if (!await redis.Db.KeyExistsAsync(RedisKeys.Conversation(conversationId))) return UnknownConversation();
        long from = 0;
        if (!string.IsNullOrEmpty(watermark) && (!long.TryParse(watermark, out from) || from < 0))
        {
            return TypedResults.Problem("The watermark must be a number this service gave out.", statusCode: StatusCodes.Status400BadRequest, title: "Bad watermark");
        }
        // The client holds everything before its watermark: the copies of those are dropped.
        await buffer.DropFetchedAsync(conversationId, from);
        var (activities, next) = await buffer.ReadAsync(conversationId, from, grant!.UserId);
        return TypedResults.Ok(new ActivitySet(activities, next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string? ClientActivityId(Activity activity)
    {
        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } data &&
            data.TryGetProperty("clientActivityID", out var id) && id.ValueKind == JsonValueKind.String)
        {
            var value = id.GetString();
            return value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? value : null;
        }
        return null;
    }

    private static ProblemHttpResult? Authorize(HttpRequest request, DirectLineTokens tokens, string conversationId) =>
        Authorize(request, tokens, conversationId, out _);

    private static ProblemHttpResult? Authorize(HttpRequest request, DirectLineTokens tokens, string conversationId, out DirectLineGrant? grant)
    {
        grant = tokens.Validate(DirectLineTokens.BearerFrom(request.Headers.Authorization));
        if (grant is null) return Unauthorized();
        if (!string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return TypedResults.Problem("The token is not valid for this conversation.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        return null;
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem("A valid Direct Line token is required (Authorization: Bearer TOKEN).", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body may be at most {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    private static ProblemHttpResult UnknownConversation() =>
        TypedResults.Problem("No conversation with this id exists; start one first.", statusCode: StatusCodes.Status404NotFound, title: "Unknown conversation");
}
