using System.Net.Http.Headers;
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

    /// <summary>Writes entries as the services do: sealed to the team public key Redis holds now, if the pinned team signing key signed it.</summary>
    public ServiceTranscripts Transcripts => new(
        new TranscriptStore(Store, Services.GetRequiredService<TeamKeyDirectory>(), ServiceSigningKey(Signers.Bot), TimeProvider.System),
        Services.GetRequiredService<TranscriptStore>());

    /// <summary>The services' signing keys, as the team key record lists them.</summary>
    public IReadOnlyDictionary<string, byte[]> SignerKeys => ServiceSigners;

    /// <summary>A new anonymous client of the console.</summary>
    public HttpClient NewAnonymous() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };

    public Task<OperatorAccount?> AccountAsync(string username) => new OperatorAccounts(Store).FindAsync(username);
}
