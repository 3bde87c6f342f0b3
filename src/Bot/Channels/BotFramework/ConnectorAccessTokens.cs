using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// The bot's own access token for the connector, from Azure's token service (OAuth 2.0 client credentials, scope
/// https://api.botframework.com/.default). Kept in memory only, and reused until five minutes before it expires.
/// </summary>
public sealed class ConnectorAccessTokens(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time, ILogger<ConnectorAccessTokens> logger)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private CachedToken? current;

    public async Task<string> GetAsync(bool renew, CancellationToken cancellationToken)
    {
        var seen = current;
        if (!renew && seen is not null && time.GetUtcNow() < seen.RenewAt) return seen.Token;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (current is { } fresh && time.GetUtcNow() < fresh.RenewAt && (!renew || !ReferenceEquals(fresh, seen))) return fresh.Token;
            current = await RequestAsync(cancellationToken).ConfigureAwait(false);
            return current.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<CachedToken> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId!,
            ["client_secret"] = settings.AppPassword!,
            ["scope"] = BotFrameworkOptions.ConnectorScope,
        });
        var http = httpClients.CreateClient(BotFrameworkChannel.TokenHttp);
        using var response = await http.PostAsync(settings.TokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The token service refused the bot's credentials: {Status}", (int)response.StatusCode);
            throw new ConnectorException($"the token service answered {(int)response.StatusCode}");
        }
        TokenResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body?.AccessToken is not { Length: > 0 } token || body.ExpiresIn <= 0)
        {
            throw new ConnectorException("the token service's answer holds no access token");
        }
        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
        var margin = lifetime > 2 * RefreshMargin ? RefreshMargin : lifetime / 2;
        return new CachedToken(token, time.GetUtcNow() + lifetime - margin);
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
