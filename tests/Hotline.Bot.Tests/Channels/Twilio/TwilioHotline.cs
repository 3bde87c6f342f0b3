using System.Security.Cryptography;
using Hotline.Core.Outbox;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// The Bot started for real on 127.0.0.1 with the Twilio channel pointed at a local fake of Twilio's REST API, a real
/// redis-server, the team's public key written as the Operator's admin init-demo writes it, and the Triage worker in
/// process. Every log line of the services is kept, to be searched for leaks.
/// </summary>
public partial class TwilioHotline : HotlineHost
{
    public TwilioHotline()
        : this(bot: true)
    {
    }

    /// <summary>
    /// Without <paramref name="bot"/>, no Bot runs until a test starts its own (<see cref="HotlineHost.StartBotAsync"/>);
    /// <paramref name="twilio"/> changes the channel's settings further (a shorter lifetime, say).
    /// </summary>
    protected TwilioHotline(bool bot, Action<TwilioOptions>? twilio = null)
        : base(new HotlineHostOptions
        {
            Name = "hotline-twilio",
            Bot = bot,
            Triage = true,
            Settings = new Dictionary<string, string?>
            {
                ["HOTLINE_TWILIO_ACCOUNT_SID"] = FakeTwilio.AccountSid,
                ["HOTLINE_TWILIO_AUTH_TOKEN"] = FakeTwilio.AuthToken,
                // Staff notice tests queue alerts one after another to see each delivered; merging is tested in Core (NoticeMergingTests).
                ["HOTLINE_NOTICE_MERGE_SECONDS"] = "0",
                ["HOTLINE_TWILIO_WHATSAPP_TEMPLATE_SID"] = TemplateSid,
            },
            Services = services => services.PostConfigure<TwilioOptions>(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
                o.WipeFirstDelay = TimeSpan.Zero;
                o.WipeRetryDelay = TimeSpan.FromMilliseconds(100);
                o.WipePollInterval = TimeSpan.FromMilliseconds(100);
                twilio?.Invoke(o);
            }),
        })
    {
    }

    public const string HotlineNumber = "+355690000001";
    public const string TemplateSid = "HX0123456789abcdef0123456789abcdef";
    public const string ServiceSid = "MG0123456789abcdef0123456789abcdef";

    public FakeTwilio Twilio { get; private set; } = null!;
    public IServiceProvider Services => BotHost!.Services;
    public IDatabase Db => Services.GetRequiredService<HotlineRedis>().Db;

    protected override async Task StartFakesAsync(Dictionary<string, string?> settings)
    {
        Twilio = await FakeTwilio.StartAsync();
        settings["HOTLINE_TWILIO_API_BASE"] = Twilio.BaseUrl.ToString().TrimEnd('/');
    }

    protected override async Task StopFakesAsync()
    {
        if (Twilio is not null) await Twilio.DisposeAsync();
    }

    // Counted up from a random start, so each number is new in the run. Drawn at random each time, two of a run's numbers
    // were the same in roughly one run of a few thousand, and two tests then wrote into one conversation.
    private static int lastNumber = RandomNumberGenerator.GetInt32(70_000_000, 90_000_000);

    /// <summary>A fresh Albanian mobile number nobody else in the run uses.</summary>
    public static string NewNumber() => "+3556" + Interlocked.Increment(ref lastNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The MessageSid of an incoming message's webhook parameters (<see cref="Sms"/>).</summary>
    public static string SidOf(IEnumerable<KeyValuePair<string, string>> webhook) => webhook.First(p => p.Key == "MessageSid").Value;

    /// <summary>A MessageSid as Twilio makes them.</summary>
    public static string NewSid(string prefix = "SM") => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The webhook parameters Twilio sends for an incoming SMS (https://www.twilio.com/docs/messaging/guides/webhook-request).</summary>
    public static List<KeyValuePair<string, string>> Sms(string from, string body, string? sid = null, string to = HotlineNumber, string? messagingService = null, params string[] mediaUrls)
    {
        sid ??= NewSid();
        var form = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "AL"), new("ToState", ""), new("SmsMessageSid", sid), new("NumMedia", mediaUrls.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ToCity", ""), new("FromZip", ""), new("SmsSid", sid), new("FromState", ""), new("SmsStatus", "received"),
            new("FromCity", ""), new("Body", body), new("FromCountry", "AL"), new("To", to), new("ToZip", ""),
            new("NumSegments", "1"), new("MessageSid", sid), new("AccountSid", FakeTwilio.AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
        };
        if (messagingService is not null) form.Add(new("MessagingServiceSid", messagingService));
        for (var i = 0; i < mediaUrls.Length; i++)
        {
            form.Add(new($"MediaUrl{i}", mediaUrls[i]));
            form.Add(new($"MediaContentType{i}", "image/jpeg"));
        }
        return form;
    }

    /// <summary>The parameters of an incoming WhatsApp message, with the ProfileName and WaId the hotline must never keep.</summary>
    public static List<KeyValuePair<string, string>> WhatsApp(string from, string body, string profileName, string waId, string? sid = null)
    {
        sid ??= NewSid();
        return
        [
            new("SmsMessageSid", sid), new("NumMedia", "0"), new("ProfileName", profileName), new("MessageType", "text"),
            new("SmsSid", sid), new("WaId", waId), new("SmsStatus", "received"), new("Body", body), new("To", "whatsapp:+14155238886"),
            new("NumSegments", "1"), new("ReferralNumMedia", "0"), new("MessageSid", sid), new("AccountSid", FakeTwilio.AccountSid),
            new("From", from), new("ApiVersion", "2010-04-01"),
        ];
    }

    /// <summary>Posts a webhook as Twilio would: signed by the twilio library for <paramref name="signedUrl"/> (the URL Twilio was given).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(IReadOnlyList<KeyValuePair<string, string>> form, string path = "/api/twilio/messages", Uri? bot = null, string? signedUrl = null) =>
        PostSignedAsync(Bot, form, path, bot ?? BotUrl, signedUrl);

    public static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, IReadOnlyList<KeyValuePair<string, string>> form, string path, Uri bot, string? signedUrl = null)
    {
        var url = new Uri(bot, path);
        var signature = await TwilioNode.SignAsync(signedUrl ?? url.ToString(), form);
        return await PostAsync(client, url, form, signature);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, IReadOnlyList<KeyValuePair<string, string>> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null) request.Headers.Add(TwilioSignature.Header, signature);
        return await client.SendAsync(request);
    }

    /// <summary>The conversation a sender is in, as the Bot maps it (by pseudonym), or null.</summary>
    public Task<string?> ConversationOfAsync(string from) => ConversationOfAsync(from, Services);

    /// <summary>The same, asked of the Bot whose services these are (one started with <see cref="HotlineHost.StartBotAsync"/>).</summary>
    public static async Task<string?> ConversationOfAsync(string from, IServiceProvider bot)
    {
        var channel = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? Channel.WhatsApp : Channel.Sms;
        var pseudonym = await bot.GetRequiredService<TwilioSenders>().PseudonymOfAsync(channel, from);
        return (string?)await bot.GetRequiredService<HotlineRedis>().Db.StringGetAsync($"hl:twilio:sender:{pseudonym}");
    }

    /// <summary>
    /// An operator's reply, as the Operator service sends it: appended to the transcript, sealed to the Bot's key on the
    /// outbox with its transcript sequence (returned), which its delivery state is kept under; both signed with its key.
    /// </summary>
    public async Task<long> OperatorRepliesAsync(string conversationId, string text, string operatorName = "demo")
    {
        var services = Services;
        var keys = services.GetRequiredService<TeamKeyDirectory>();
        var botKey = await keys.BotPublicKeyAsync(CancellationToken.None);
        var asOperator = new TranscriptStore(services.GetRequiredService<HotlineRedis>(), keys, ServiceSigningKey(Signers.Operator), TimeProvider.System);
        var entry = await asOperator.AppendAsync(conversationId, Author.Operator, operatorName, text, CancellationToken.None);
        await services.GetRequiredService<HotlineRedis>().PublishAsync(RedisKeys.Outbox,
            new OutboxMessage(conversationId, OutboxKind.Reply, HotlineCrypto.Seal(System.Text.Encoding.UTF8.GetBytes(text), botKey), Sequence: entry.Sequence)
                .ToFields(ServiceSigningKey(Signers.Operator)));
        return entry.Sequence;
    }

    /// <summary>What the transcript holds, opened with the team key (as only an operator's browser can).</summary>
    public Task<IReadOnlyList<string>> TranscriptAsync(string conversationId) => TranscriptAsync(conversationId, Services);

    /// <summary>The same, read through a Bot's services (one started with <see cref="HotlineHost.StartBotAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> TranscriptAsync(string conversationId, IServiceProvider bot)
    {
        var entries = await bot.GetRequiredService<TranscriptStore>().ReadAsync(conversationId, CancellationToken.None);
        return TranscriptStore.OpenAll(conversationId, entries, Team!, ServiceSigners);
    }

    /// <summary>The case code the bot said in the conversation, read from the transcript as an operator reads it (Redis holds only its keyed hash); null if none within 15 s.</summary>
    public async Task<string?> CaseCodeSaidInAsync(string conversationId)
    {
        for (var until = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < until; await Task.Delay(100))
        {
            var said = (await TranscriptAsync(conversationId)).Select(t => CaseCodePattern().Match(t)).FirstOrDefault(m => m.Success);
            if (said is not null) return said.Value;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")]
    private static partial System.Text.RegularExpressions.Regex CaseCodePattern();

    /// <summary>
    /// Waits until earlier tests' work has settled: nothing waits to go to Twilio, every stream's consumer groups have
    /// read and acknowledged everything, and the set of keys stays the same for a moment. A test that compares Redis
    /// before and after its own request takes "before" after this, so another test's late write is not counted as its own.
    /// </summary>
    public async Task WaitUntilQuietAsync()
    {
        await WaitUntilSentAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlySet<string>? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var dump = await Redis.AllKeysAndValuesAsync();
            var keys = dump.Keys.ToHashSet();
            if (await StreamsCaughtUpAsync(dump) && last is not null && last.SetEquals(keys)) return;
            last = keys;
            await Task.Delay(250);
        }
        throw new TimeoutException("The hotline kept writing to Redis for 20 s");
    }

    private async Task<bool> StreamsCaughtUpAsync(RedisDump dump)
    {
        foreach (var stream in dump.Entries.Where(e => e.Database == 0 && e.Type == RedisType.Stream))
        {
            if (!await StreamGroups.CaughtUpAsync(Db, stream.Key)) return false;
        }
        return true;
    }

    /// <summary>Waits until nothing is waiting to go to Twilio (the outgoing stream is empty).</summary>
    public Task WaitUntilSentAsync() => WaitUntilSentAsync(Db);

    /// <summary>The same, read through a Bot's connection (one started with <see cref="HotlineHost.StartBotAsync"/>).</summary>
    public static async Task WaitUntilSentAsync(IDatabase db)
    {
        // Longer than a stream consumer's claim idle time (30 s): replies a stopped Bot could not hand over wait, pending, until
        // another Bot claims them, which the system promises only after that long. Nothing here measures time.
        var limit = TimeSpan.FromSeconds(45);
        var deadline = DateTime.UtcNow + limit;
        while (await db.StreamLengthAsync(TwilioKeys.Outgoing) is var waiting && waiting > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                // Whether a Bot is still at it or an entry waits, pending, for a consumer that is gone (claimed only once idle).
                var pending = await db.StreamPendingAsync(TwilioKeys.Outgoing, TwilioSender.GroupName);
                throw new TimeoutException($"Replies are still waiting to go to Twilio after {limit.TotalSeconds} s: {waiting} in the stream, {pending.PendingMessageCount} of them pending " +
                    $"({string.Join(", ", pending.Consumers.Select(c => $"{c.PendingMessageCount} with {c.Name}"))})");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until Twilio has deleted (answered 204) every message of a deleted conversation: each the hotline sent to
    /// <paramref name="numbers"/>, and the incoming ones it <paramref name="received"/>. Returns their SIDs.
    /// </summary>
    public async Task<IReadOnlySet<string>> WaitUntilDeletedAtTwilioAsync(IReadOnlyCollection<string> numbers, params IEnumerable<KeyValuePair<string, string>>[] received)
    {
        var all = received.Select(SidOf).Concat(Twilio.Messages.Where(m => numbers.Contains(m.To!)).Select(m => m.Sid!)).ToHashSet();
        await Twilio.WaitForAsync(() => Twilio.Deletions.Where(d => d.AnsweredWith == 204 && all.Contains(d.Sid!)).DistinctBy(d => d.Sid).ToList(), all.Count);
        return all;
    }
}
