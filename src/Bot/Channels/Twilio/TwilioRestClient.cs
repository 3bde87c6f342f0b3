using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Twilio's REST API, the two calls the channel makes (https://www.twilio.com/docs/messaging/api/message-resource):
/// POST {base}/2010-04-01/Accounts/{sid}/Messages.json and DELETE …/Messages/{MessageSid}.json, HTTP Basic auth with the
/// account SID and auth token. Sending is retried on 429, 5xx and network failures by the client's resilience pipeline
/// (<see cref="OutboundRetries"/>, with the attempts and back-off of <see cref="TwilioOptions"/>).
/// </summary>
internal sealed class TwilioRestClient(IHttpClientFactory clients, IOptions<TwilioOptions> options, ILogger<TwilioRestClient> logger)
{
    public const string HttpClientName = "twilio";

    public async Task<SendResult> SendAsync(RestMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = $"{settings.ApiBase}/2010-04-01/Accounts/{settings.AccountSid}/Messages.json";
        var fields = new List<KeyValuePair<string, string>> { new("To", message.To) };
        fields.Add(TwilioOptions.IsSid(message.Via, "MG") ? new("MessagingServiceSid", message.Via) : new("From", message.Via));
        if (message.ContentSid is not null) fields.Add(new("ContentSid", message.ContentSid));
        if (message.ContentVariables is not null) fields.Add(new("ContentVariables", message.ContentVariables));
        if (message.Body is not null) fields.Add(new("Body", message.Body));
        if (message.StatusCallback is not null) fields.Add(new("StatusCallback", message.StatusCallback));

        // Retries (429, 5xx, network failures, with back-off and Retry-After) happen in the client's pipeline
        // (OutboundRetries); what arrives here is the last answer.
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Authorization = BasicAuth(settings);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                var sid = json.RootElement.TryGetProperty("sid", out var s) ? s.GetString() : null;
                var state = json.RootElement.TryGetProperty("status", out var st) ? st.GetString() : null;
                if (sid is null) return new SendResult.Rejected(status, null);
                return new SendResult.Sent(sid, state ?? "queued");
            }
            if (IsTransient(response.StatusCode))
            {
                logger.LogWarning("Twilio still answered HTTP {Status} after {Attempts} attempts of a message", status, settings.MaxAttempts);
                return new SendResult.Unavailable(status);
            }
            var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Twilio refused a message: HTTP {Status}, error {ErrorCode}", status, code);
            return new SendResult.Rejected(status, code);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Twilio could not be reached after {Attempts} attempts of a message: {Error}", settings.MaxAttempts, e.HttpRequestError);
        }
        catch (Exception e) when (e is TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Twilio did not answer in time after {Attempts} attempts of a message", settings.MaxAttempts);
        }
        return new SendResult.Unavailable(null);
    }

    /// <summary>One deletion attempt: Twilio refuses to delete a message that is not final yet (error 20009), so failures are retried later by the caller.</summary>
    public async Task<DeleteResult> DeleteAsync(string messageSid, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = $"{settings.ApiBase}/2010-04-01/Accounts/{settings.AccountSid}/Messages/{Uri.EscapeDataString(messageSid)}.json";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, url);
            request.Headers.Authorization = BasicAuth(settings);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return DeleteResult.Deleted;
            if (response.StatusCode == HttpStatusCode.NotFound) return DeleteResult.NotFound;
            logger.LogInformation("Twilio did not delete message {MessageSid} yet: HTTP {Status}, error {ErrorCode}",
                messageSid, (int)response.StatusCode, await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false));
            return DeleteResult.TryLater;
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Twilio could not be reached to delete a message: {Error}", e.HttpRequestError);
            return DeleteResult.TryLater;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeleteResult.TryLater;
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    // The credentials' base64 is made once for the settings in use, not on every send.
    private sealed record Credentials(string? AccountSid, string? AuthToken, string Encoded);

    private static Credentials? credentials;

    private static AuthenticationHeaderValue BasicAuth(TwilioOptions settings)
    {
        var known = credentials;
        if (known is null || known.AccountSid != settings.AccountSid || known.AuthToken != settings.AuthToken)
        {
            credentials = known = new Credentials(settings.AccountSid, settings.AuthToken,
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        }
        return new("Basic", known.Encoded);
    }

    /// <summary>Twilio's numeric error code from its JSON error body; the message is never read (it can quote the number).</summary>
    private static async Task<int?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            return json.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
