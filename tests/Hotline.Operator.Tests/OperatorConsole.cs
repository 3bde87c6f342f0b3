using System.Net.Http.Headers;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Hotline.Operator.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Operator.Tests;

/// <summary>
/// The Operator service on 127.0.0.1 over its own redis-server, with 'demo' (operator, supervisor, admin) and a
/// colleague made by the admin command line, and a transcript writer holding only the team public key, as the Bot does.
/// </summary>
public sealed class OperatorConsole() : HotlineHost(new HotlineHostOptions
{
    Name = "hotline-accounts",
    Operator = true,
    DemoPassword = DemoPassword,
    Accounts = [new(ColleaguePassword, "add-operator", Colleague, "Operator")],
    ConsoleLogs = false,
})
{
    public const string DemoPassword = "demo long passphrase for tests";
    public const string Colleague = "nightshift";
    public const string ColleaguePassword = "another long passphrase";

    public IServiceProvider Services => OperatorHost!.Services;
    public HotlineRedis Store => Services.GetRequiredService<HotlineRedis>();
    public Uri Url => OperatorUrl;

    /// <summary>Writes entries as a service does: sealed to whatever team public key Redis holds now.</summary>
    public TranscriptStore Transcripts => new(Store, new TeamKeyDirectory(Store), TimeProvider.System);

    /// <summary>A new anonymous client of the console.</summary>
    public HttpClient NewAnonymous() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };

    public Task<OperatorAccount?> AccountAsync(string username) => new OperatorAccounts(Store).FindAsync(username);
}
