using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hotline.Core.Messages;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Sends activities through the Bot Connector REST API: POST {serviceUrl}/v3/conversations/{id}/activities, or
/// .../activities/{replyToId} for a reply. The serviceUrl is checked against the allow-list again right before the
/// call; retries with back-off on 429 and 5xx live in the HTTP client's resilience handler.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory httpClients, ConnectorAccessTokens tokens, ServiceUrlPolicy serviceUrls, ILogger<ConnectorClient> logger)
{
    public async Task SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        var baseUri = serviceUrls.Allow(reference.ServiceUrl)
            ?? throw new ConnectorException("the conversation's serviceUrl is not on the allow-list");
        var path = $"v3/conversations/{Uri.EscapeDataString(reference.ConversationId)}/activities";
        if (activity.ReplyToId is { Length: > 0 } replyTo) path += "/" + Uri.EscapeDataString(replyTo);
        var target = new Uri(baseUri, path);
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, Activity.Json);
        var http = httpClients.CreateClient(BotFrameworkChannel.ConnectorHttp);

        // A 401 may mean the cached token was revoked: renew it once and send again.
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(renew: attempt > 0, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The Bot Connector could not be reached: {Error}", e.GetType().Name);
                throw new ConnectorException("the Bot Connector could not be reached", e);
            }
            using (response)
            {
                if (response.IsSuccessStatusCode) return;
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0) continue;
                logger.LogWarning("The Bot Connector refused an activity: {Status}", (int)response.StatusCode);
                throw new ConnectorException($"the Bot Connector answered {(int)response.StatusCode}");
            }
        }
    }
}
