using Hotline.Core.Identity;
using Hotline.Core.Outbox;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Twilio's webhooks: incoming SMS and WhatsApp messages, and delivery status callbacks. Both are refused with 403,
/// before anything is stored, unless X-Twilio-Signature matches; both answer 503 while the channel is not configured.
/// </summary>
public static class TwilioApi
{
    /// <summary>Nothing to say in TwiML: replies go through the REST API, so retries and splitting are the hotline's.</summary>
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static IEndpointRouteBuilder MapTwilioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/twilio");
        api.MapPost("/messages", ReceiveMessage);
        api.MapPost("/status", ReceiveStatus);
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveMessage(
        HttpRequest request, IOptions<TwilioOptions> options, TwilioCallbacks callbacks, TwilioInbound inbound, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (form, problem) = await VerifiedFormAsync(request, options.Value, callbacks, loggers, cancellationToken);
        if (problem is not null) return problem;
        if (TwilioInboundMessage.FromForm(form!) is not { } message)
        {
            return TypedResults.Problem("A message webhook needs a MessageSid and a From.", statusCode: StatusCodes.Status400BadRequest, title: "Not a Twilio message");
        }
        // Not the request's token: once Twilio's message is being taken, a dropped connection must not leave it half stored.
        await inbound.HandleAsync(message, CancellationToken.None);
        return TypedResults.Text(EmptyTwiml, "text/xml", System.Text.Encoding.UTF8);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReceiveStatus(
        HttpRequest request, IOptions<TwilioOptions> options, TwilioCallbacks callbacks, MessageStates states, ReplyStates replies, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (form, problem) = await VerifiedFormAsync(request, options.Value, callbacks, loggers, cancellationToken);
        if (problem is not null) return problem;
        var sid = form!["MessageSid"].ToString() is { Length: > 0 } m ? m : form["SmsSid"].ToString();
        var status = form["MessageStatus"].ToString() is { Length: > 0 } s ? s : form["SmsStatus"].ToString();
        if (!Ids.IsWellFormed(sid) || !Ids.IsWellFormed(status))
        {
            return TypedResults.Problem("A status callback needs a MessageSid and a MessageStatus.", statusCode: StatusCodes.Status400BadRequest, title: "Not a Twilio status callback");
        }
        var errorCode = form["ErrorCode"].ToString();
        await states.UpdateAsync(sid, status.ToLowerInvariant(), Ids.IsWellFormed(errorCode) ? errorCode : null);
        // An operator's reply: the console shows the new state beside it.
        if (TwilioSender.ReplyStateOf(status.ToLowerInvariant()) is { } replyState) await replies.AdvanceByHandleAsync(TwilioSender.StatusHandle(sid), replyState);
        return TypedResults.NoContent();
    }

    /// <summary>The POST parameters, if the channel is on and the signature matches; otherwise the problem to answer.</summary>
    private static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> VerifiedFormAsync(
        HttpRequest request, TwilioOptions options, TwilioCallbacks callbacks, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return (null, TypedResults.Problem(
                "SMS and WhatsApp are not configured on this hotline: set HOTLINE_TWILIO_ACCOUNT_SID and HOTLINE_TWILIO_AUTH_TOKEN.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Twilio channel not configured"));
        }
        var signature = request.Headers[TwilioSignature.Header].ToString();
        if (signature.Length == 0) return (null, Forbidden(loggers, "missing"));
        if (!request.HasFormContentType)
        {
            return (null, TypedResults.Problem("Twilio posts application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form"));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        // A truncated multipart body ends in IOException: it is the sender's fault as much as a bad encoding (found by fuzzing).
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, TypedResults.Problem("The form could not be read.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed form"));
        }
        var (url, baseUrl) = RequestUrl(request, options);
        if (!TwilioSignature.IsValid(options.AuthToken!, signature, url, form)) return (null, Forbidden(loggers, "invalid"));
        if (options.PublicUrl is null) callbacks.Observe(baseUrl);
        return (form, null);
    }

    /// <summary>
    /// The URL Twilio signed: HOTLINE_PUBLIC_URL (a Bot behind a proxy) or the scheme and Host this request came with,
    /// followed by the request's path and query exactly as they arrived.
    /// </summary>
    internal static (string Url, string BaseUrl) RequestUrl(HttpRequest request, TwilioOptions options)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        }
        var origin = options.PublicUrl ?? $"{request.Scheme}://{request.Host.Value}";
        return (origin + target, origin + request.PathBase.ToUriComponent());
    }

    private static ProblemHttpResult Forbidden(ILoggerFactory loggers, string why)
    {
        // Neither the URL nor any parameter is logged: they carry the sender's number and the message.
        loggers.CreateLogger(typeof(TwilioApi).FullName!).LogWarning("Refused a Twilio webhook whose signature is {Why}", why);
        return TypedResults.Problem("The X-Twilio-Signature header is missing or does not match this request.",
            statusCode: StatusCodes.Status403Forbidden, title: "Invalid Twilio signature");
    }
}
