using System.Net;
using Microsoft.Extensions.Configuration;

namespace Hotline.ServiceDefaults;

/// <summary>
/// Where the services sit behind a reverse proxy (TLS in front): which addresses may say, in X-Forwarded-For/-Proto/-Host,
/// who the client is, and which host names the services answer to. Bound from HOTLINE_KNOWN_PROXIES and
/// HOTLINE_ALLOWED_HOSTS, checked at start.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>
    /// HOTLINE_KNOWN_PROXIES: the reverse proxies' addresses or networks, comma-separated ("10.0.0.5, 172.16.0.0/12").
    /// Only a request arriving from one of them has its forwarded headers believed; from anywhere else they are ignored.
    /// Unset: the services are reached directly and no forwarded header is believed (loopback neither).
    /// </summary>
    public IReadOnlyList<IPNetwork> KnownProxies { get; set; } = [];

    /// <summary>
    /// HOTLINE_ALLOWED_HOSTS: host names the services answer to, comma-separated ("hotline.example.org, 127.0.0.1"),
    /// "*.example.org" for subdomains; other Host (and, from a proxy, X-Forwarded-Host) values get 400. Unset: any.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>What was wrong with the settings as given, or null.</summary>
    public string? Problem { get; set; }

    public bool BehindProxy => KnownProxies.Count > 0;

    public static ProxyOptions From(IConfiguration configuration)
    {
        var options = new ProxyOptions();
        var proxies = new List<IPNetwork>();
        foreach (var item in Items(configuration["HOTLINE_KNOWN_PROXIES"]))
        {
            if (IPAddress.TryParse(item, out var address) && !item.Contains('/', StringComparison.Ordinal))
            {
                proxies.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(item, out var network))
            {
                proxies.Add(network);
            }
            else
            {
                options.Problem ??= $"HOTLINE_KNOWN_PROXIES: '{item}' is neither an IP address nor a network such as 10.0.0.0/8";
            }
        }
        var hosts = new List<string>();
        foreach (var item in Items(configuration["HOTLINE_ALLOWED_HOSTS"]))
        {
            var name = item.StartsWith("*.", StringComparison.Ordinal) ? item[2..] : item;
            var bracketless = name.StartsWith('[') && name.EndsWith(']') ? name[1..^1] : name;
            if (item == "*" || Uri.CheckHostName(bracketless) != UriHostNameType.Unknown) hosts.Add(item);
            else options.Problem ??= $"HOTLINE_ALLOWED_HOSTS: '{item}' is not a host name (no scheme, port or path), e.g. hotline.example.org or *.example.org";
        }
        options.KnownProxies = proxies;
        options.AllowedHosts = hosts;
        return options;
    }

    private static string[] Items(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
