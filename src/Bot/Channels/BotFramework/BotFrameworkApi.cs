using System.Text.Json;
using Hotline.Core.Messages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// The Bot Framework messaging endpoint (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication):
/// Azure Bot Service posts every activity of a hotline that already uses it here, signed by the Bot Connector.
/// Nothing is read from the body, let alone stored, before the caller's token validates.
/// </summary>
public static class BotFrameworkApi
{
    public const int MaxTextLength = 4000;
    public const long MaxBodyBytes = 64 * 1024;

    private const int MaxIdLength = 1024;

    public static IEndpointRouteBuilder MapBotFrameworkApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", ReceiveActivity);
        return app;
    }

    public static async Task<Results<Ok, ProblemHttpResult>> ReceiveActivity(
        HttpRequest request, IOptions<BotFrameworkOptions> options, ConnectorTokenValidator tokens, ServiceUrlPolicy serviceUrls,
        BotFrameworkInbox inbox, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return TypedResults.Problem("The Bot Framework channel is not configured on this hotline: set HOTLINE_BOTFRAMEWORK_APP_ID and HOTLINE_BOTFRAMEWORK_APP_PASSWORD.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Bot Framework channel off");
        }

        var (caller, refusal) = await tokens.ValidateAsync(request.Headers.Authorization, cancellationToken);
        if (caller is null)
        {
            if (refusal == CallerRefusal.KeysUnavailable)
            {
                return TypedResults.Problem("The Bot Connector's signing keys cannot be fetched right now; try again later.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Signing keys unavailable");
            }
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Unauthorized("A valid Bot Connector token is required (Authorization: Bearer TOKEN).");
        }

        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, Activity.Json, cancellationToken);
        }
        catch (JsonException)
        {
            return BadActivity("The body is not a valid JSON activity.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (activity is null) return BadActivity("The body is empty.");

        // The token is bound to one serviceUrl: an activity naming another one was not vouched for.
        if (!string.Equals(caller.ServiceUrl, activity.ServiceUrl, StringComparison.Ordinal))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Unauthorized("The token was not issued for this activity's serviceUrl.");
        }
        if (ShapeProblem(activity) is { } shape) return BadActivity(shape);
        if (!caller.Endorses(activity.ChannelId!))
        {
            return TypedResults.Problem("The key that signed the token does not endorse this activity's channel.",
                statusCode: StatusCodes.Status403Forbidden, title: "Channel not endorsed");
        }
        if (serviceUrls.Allow(activity.ServiceUrl) is not { } serviceUrl)
        {
            return TypedResults.Problem("This activity's serviceUrl is not one the hotline answers through (HOTLINE_BOTFRAMEWORK_SERVICE_URLS).",
                statusCode: StatusCodes.Status403Forbidden, title: "serviceUrl not allowed");
        }

        await inbox.HandleAsync(activity, serviceUrl, cancellationToken);
        return TypedResults.Ok();
    }

    private static string? ShapeProblem(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Type)) return "An activity needs a type.";
        if (activity.ChannelId is not { Length: > 0 and <= 64 } channelId || !channelId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return "An activity needs a channelId of letters, digits, '-', '_' or '.'.";
        }
        if (activity.Conversation?.Id is not { Length: > 0 and <= MaxIdLength }) return "An activity needs a conversation id.";
        if (activity.Id is { Length: > MaxIdLength }) return "The activity id is too long.";
        if (activity.From?.Id is { Length: > MaxIdLength } || activity.Recipient?.Id is { Length: > MaxIdLength }) return "An account id is too long.";
        if (activity.Type == Activity.Types.Message && activity.Text?.Trim().Length > MaxTextLength)
        {
            return $"A message may hold at most {MaxTextLength} characters.";
        }
        return null;
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static ProblemHttpResult BadActivity(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body may be at most {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
}
