using System.Diagnostics.Metrics;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Core.Tests.Storage;

/// <summary>
/// A write Redis answered is on disk (appendfsync always), so a Redis killed with SIGKILL and started again must hold it.
/// A person's message is stored by <see cref="MessageRecorder"/>'s script, whose several writes Redis logs to the AOF as
/// one MULTI … EXEC; the bot's replies are single writes. Redis 7.0 re-checked the ACL of a transaction's commands while
/// reading the AOF back, as the default user, which production's ACL disables: every MULTI … EXEC was refused on restart
/// and only the bot's replies came back. Each test runs its own server, as the crash would disturb the shared one.
/// </summary>
public sealed class RedisCrashTests
{
    private readonly KeyPairBytes team = HotlineCrypto.NewKeyPair();
    private readonly string keysDir = Directory.CreateTempSubdirectory("hotline-crash-").FullName;

    private IReadOnlyDictionary<string, byte[]> SignerKeys => Signers.Services.ToDictionary(n => n, n => SigningIdentity.Load(keysDir, n).PublicKey);

    private TranscriptStore Transcripts(HotlineRedis hotline, TeamKeyDirectory keys) => new(hotline, keys, SigningIdentity.Load(keysDir, Signers.Bot), TimeProvider.System);

    [Fact]
    public async Task Messages_and_replies_stored_before_Redis_is_killed_are_all_there_after_it_restarts()
    {
        await using var server = await RedisServer.StartAsync();
        string fingerprint;
        await using (var inspector = await server.ConnectAsync())
        {
            // The team key as 'admin init-demo' creates it, signed and pinned; the Bot's signing key beside it.
            fingerprint = (await TeamKeyCeremony.CreateAsync(inspector.GetDatabase(), keysDir, team.PublicKey))!;
        }
        TeamKeyDirectory Keys(HotlineRedis hotline) => new(hotline, Microsoft.Extensions.Options.Options.Create(new HotlineOptions { TeamKeyFingerprint = fingerprint }));
        var id = "c" + Guid.NewGuid().ToString("N");
        var written = new List<string>();
        // Written as the Bot writes them: its own Redis user, the recorder's script for the person, a plain append for the bot.
        await using (var bot = await server.ConnectAsAsync("bot"))
        {
            var hotline = new HotlineRedis(bot);
            var transcripts = Transcripts(hotline, Keys(hotline));
            var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
            var recorder = new MessageRecorder(hotline, transcripts, Keys(hotline),
                new EventOutbox(hotline, metrics, TimeProvider.System, NullLogger<EventOutbox>.Instance), metrics, TimeProvider.System);
            await new ConversationStore(hotline, TimeProvider.System).CreateAsync(id, Channel.WebChat, Language.En);
            for (var i = 0; i < 5; i++)
            {
                var severity = i == 2 ? Severity.Critical : Severity.Low;
                var draft = new MessageEvent(id, 0, Channel.WebChat, Language.En, severity, severity, severity >= Severity.High ? ["violence"] : [], DateTimeOffset.UtcNow);
                await recorder.RecordAsync(draft, MessageFacts.None, $"message {i}", Language.En, duress: false, CancellationToken.None);
                await transcripts.AppendAsync(id, Author.Bot, null, $"reply {i}", CancellationToken.None);
                written.AddRange([$"message {i}", $"reply {i}"]);
            }
            Assert.Equal(written, TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, SignerKeys));
        }

        await server.CrashAndRestartAsync();

        await using var after = await server.ConnectAsAsync("bot");
        var reopened = new HotlineRedis(after);
        var entries = await Transcripts(reopened, Keys(reopened)).ReadAsync(id, CancellationToken.None);
        Assert.True(entries.Count == written.Count,
            $"after the restart the transcript holds {entries.Count} of {written.Count} entries ({string.Join(", ", entries.Select(e => e.Author))}). redis-server said:\n{server.RecentOutput}");
        Assert.Equal(written, TranscriptStore.OpenAll(id, entries, team, SignerKeys));
        var conversation = await new ConversationStore(reopened, TimeProvider.System).GetAsync(id);
        Assert.Equal(Severity.Critical, conversation!.Severity);
    }
}
