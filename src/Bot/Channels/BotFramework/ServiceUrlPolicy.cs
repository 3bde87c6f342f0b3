namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Which serviceUrls the bot may call back, checked before any request leaves (no server-side request forgery).
/// An entry is a URL prefix (scheme, host, port and a leading path, compared after parsing) or a host pattern
/// ("smba.trafficmanager.net", "*.botframework.com") that admits https on port 443 only. Plain http is admitted
/// only where a prefix spells it out.
/// </summary>
public sealed class ServiceUrlPolicy
{
    public const int MaxLength = 512;

    private readonly IReadOnlyList<Rule> rules;

    private ServiceUrlPolicy(IReadOnlyList<Rule> rules) => this.rules = rules;

    /// <exception cref="FormatException">An entry is neither a URL prefix nor a host pattern.</exception>
    public static ServiceUrlPolicy Parse(IEnumerable<string> entries)
    {
        var rules = new List<Rule>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            rules.Add(entry.Contains("://", StringComparison.Ordinal) ? PrefixRule(entry) : HostRule(entry));
        }
        if (rules.Count == 0) throw new FormatException("the allow-list is empty");
        return new ServiceUrlPolicy(rules);
    }

    /// <summary>The serviceUrl as the bot will call it (normalised, ending in '/'), or null when it is not allowed.</summary>
    public Uri? Allow(string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl) || serviceUrl.Length > MaxLength) return null;
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return null;
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)) return null;
        var normalised = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        return rules.Any(r => r.Admits(normalised)) ? normalised : null;
    }

    private static Rule PrefixRule(string entry)
    {
        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException($"'{entry}' is not an http(s) URL");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new FormatException($"'{entry}' must be a plain URL prefix, without credentials, query or fragment");
        }
        var path = uri.AbsolutePath.TrimEnd('/') + "/";
        return new Rule(uri.Scheme, Host(uri), uri.Port, path, WildcardSuffix: null);
    }

    private static Rule HostRule(string entry)
    {
        var wildcard = entry.StartsWith("*.", StringComparison.Ordinal);
        var host = (wildcard ? entry[2..] : entry).TrimEnd('.').ToLowerInvariant();
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal))
        {
            throw new FormatException($"'{entry}' is not a host name or a '*.domain' pattern");
        }
        return wildcard
            ? new Rule(Uri.UriSchemeHttps, Host: null, 443, "/", WildcardSuffix: "." + host)
            : new Rule(Uri.UriSchemeHttps, host, 443, "/", WildcardSuffix: null);
    }

    private static string Host(Uri uri) => uri.IdnHost.TrimEnd('.').ToLowerInvariant();

    private sealed record Rule(string Scheme, string? Host, int Port, string PathPrefix, string? WildcardSuffix)
    {
        public bool Admits(Uri uri)
        {
            if (uri.Scheme != Scheme || uri.Port != Port) return false;
            var host = ServiceUrlPolicy.Host(uri);
            if (WildcardSuffix is not null)
            {
                if (uri.HostNameType != UriHostNameType.Dns || !host.EndsWith(WildcardSuffix, StringComparison.Ordinal) || host.Length == WildcardSuffix.Length) return false;
            }
            else if (!string.Equals(host, Host, StringComparison.Ordinal))
            {
                return false;
            }
            return uri.AbsolutePath.StartsWith(PathPrefix, StringComparison.Ordinal);
        }
    }
}
