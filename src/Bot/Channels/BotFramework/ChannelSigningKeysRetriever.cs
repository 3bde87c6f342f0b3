using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>Reads the metadata document, then the key set at its jwks_uri (for <see cref="ConfigurationManager{T}"/>, which caches and refreshes).</summary>
internal sealed class ChannelSigningKeysRetriever : IConfigurationRetriever<ChannelSigningKeys>
{
    public async Task<ChannelSigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        string jwksUri;
        var algorithms = new List<string>();
        using (var document = JsonDocument.Parse(metadata))
        {
            var root = document.RootElement;
            jwksUri = root.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidDataException("The OpenID metadata has no jwks_uri");
            if (root.TryGetProperty("id_token_signing_alg_values_supported", out var algs) && algs.ValueKind == JsonValueKind.Array)
            {
                algorithms.AddRange(algs.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
            }
        }
        // Only asymmetric signatures: a symmetric or "none" algorithm in the metadata is never accepted.
        algorithms = algorithms.Where(a => a is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSha384 or SecurityAlgorithms.RsaSha512).ToList();
        if (algorithms.Count == 0) algorithms.Add(SecurityAlgorithms.RsaSha256);

        var jwks = await retriever.GetDocumentAsync(jwksUri, cancel).ConfigureAwait(false);
        var keys = new JsonWebKeySet(jwks).GetSigningKeys();
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(jwks))
        {
            if (document.RootElement.TryGetProperty("keys", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in list.EnumerateArray())
                {
                    if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
                    var channels = key.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                        ? e.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal)
                        : [];
                    endorsements[kid.GetString()!] = channels;
                }
            }
        }
        if (keys.Count == 0) throw new InvalidDataException("The signing key set holds no usable key");
        return new ChannelSigningKeys(keys.ToList(), algorithms, endorsements);
    }
}
