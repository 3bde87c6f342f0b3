using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hotline.Bot.Channels.BotFramework;
using Hotline.Core.Outbox;
using Hotline.Core.Transcripts;
using Hotline.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>POST /api/messages as Azure Bot Service calls it, against the real Bot, real Redis and a faked Bot Framework cloud.</summary>
public sealed class BotFrameworkEndpointTests
{
    private const string UrgentText = "He beats me and said he will kill me, I am scared";

    [Fact]
    public async Task Signed_activity_gets_a_screened_reply_through_the_connector()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        const string conversation = "a:1x7Gq-conversation-of-ana";
        const string user = "29:1AnaUserIdFromTheChannel";
        const string userName = "Ana Kelmendi";

        var update = h.Activity("conversationUpdate", "act-0001", conversation, user, userName: userName);
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(update, h.Token())).StatusCode);
        var message = h.Activity("message", "act-0002", conversation, user, UrgentText, userName: userName);
        var response = await h.PostAsync(message, h.Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = await h.ConnectorReceivedAsync(2);
        var escaped = Uri.EscapeDataString(conversation);
        // The greeting answers the conversationUpdate, the screened answer answers the message: both as replies.
        Assert.Equal($"/connector/v3/conversations/{escaped}/activities/act-0001", sent[0].RawTarget);
        Assert.Equal($"/connector/v3/conversations/{escaped}/activities/act-0002", sent[1].RawTarget);
        Assert.All(sent, s => Assert.Equal("Bearer " + FakeBotFrameworkCloud.AccessToken, s.Authorization));
        var reply = sent[1].Json!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Equal(conversation, (string?)reply["conversation"]?["id"]);
        Assert.Equal(BotFrameworkHarness.BotAccountId, (string?)reply["from"]?["id"]);
        Assert.Equal(BotFrameworkHarness.BotAccountName, (string?)reply["from"]?["name"]);
        Assert.Equal(user, (string?)reply["recipient"]?["id"]);
        Assert.Equal("act-0002", (string?)reply["replyToId"]);
        Assert.Equal("plain", (string?)reply["textFormat"]);
        // Screened as urgent: the answer says a counsellor is coming and gives the emergency number.
        Assert.Contains("112", (string?)reply["text"]);
        Assert.Contains("counsellor", (string?)reply["text"], StringComparison.OrdinalIgnoreCase);

        // The signing keys were fetched once and cached; the bot signed in once, with client credentials, and reused the token.
        Assert.Equal(1, h.Cloud.KeySetRequests);
        var tokenRequest = Assert.Single(h.Cloud.TokenRequests);
        var form = System.Web.HttpUtility.ParseQueryString(tokenRequest.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(BotFrameworkHarness.AppId, form["client_id"]);
        Assert.Equal(BotFrameworkHarness.AppPassword, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);

        // One hotline conversation on the Bot Framework channel, its transcript sealed to the team and readable with its key.
        var id = (await h.HotlineConversationIdAsync(conversation))!;
        var record = await h.Services.GetRequiredService<ConversationStore>().GetAsync(id);
        Assert.NotNull(record);
        Assert.Equal(Channel.BotFramework, record.Channel);
        Assert.True(record.Severity >= Severity.High);
        var entries = await h.Services.GetRequiredService<TranscriptStore>().ReadAsync(id, CancellationToken.None);
        var texts = TranscriptStore.OpenAll(id, entries, h.Team!, h.ServiceSigners);
        Assert.Contains(UrgentText, texts);
        Assert.Contains((string?)reply["text"], texts);
        Assert.Equal(1, await h.Db.StreamLengthAsync(RedisKeys.Events));
        var address = await h.Db.KeyTimeToLiveAsync(RedisKeys.Address(id));
        Assert.True(address > TimeSpan.FromHours(1), "the sealed reply address is kept with a time-to-live");

        // Nothing that identifies the person or what they wrote is in Redis or the logs in clear.
        var scanner = new LeakScanner(UrgentText, user, userName, conversation, h.Cloud.ServiceUrl, "1AnaUserIdFromTheChannel");
        await scanner.ScanRedisAsync(h.Redis);
        scanner.ScanText("bot log", h.Logs.AllText);
        scanner.ScanDirectory(h.DataDir);
        scanner.AssertNoLeaks();
    }

    [Fact]
    public async Task Unsigned_or_wrong_audience_caller_gets_401_and_nothing_is_stored()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        using var stranger = RSA.Create(2048);
        var serviceUrl = h.Cloud.ServiceUrl;
        var refused = new (string Why, string? Token)[]
        {
            ("no token", null),
            ("not a JWT", "not-a-jwt"),
            ("alg none", FakeBotFrameworkCloud.UnsignedToken(BotFrameworkHarness.AppId, serviceUrl)),
            ("another app's token", h.Cloud.MintToken("some-other-app-id", serviceUrl)),
            ("another issuer", h.Cloud.MintToken(BotFrameworkHarness.AppId, serviceUrl, issuer: "https://sts.windows.net/attacker/")),
            ("signed by a stranger under the channel's key id", h.Cloud.MintToken(BotFrameworkHarness.AppId, serviceUrl, key: stranger)),
            ("signed by a stranger's key", h.Cloud.MintToken(BotFrameworkHarness.AppId, serviceUrl, key: stranger, keyId: "stranger-key")),
            ("no serviceUrl claim", h.Cloud.MintToken(BotFrameworkHarness.AppId, serviceUrl: null)),
            ("issued for another serviceUrl", h.Cloud.MintToken(BotFrameworkHarness.AppId, "https://webchat.botframework.com/")),
        };
        foreach (var (why, token) in refused)
        {
            var activity = h.Activity("message", "act-" + why.Replace(' ', '-'), "conv-refused", "user-refused", "I need help, he beats me");
            var response = await h.PostAsync(activity, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: expected 401, got {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await h.StoredKeysAsync());
        Assert.Empty(h.Cloud.ConnectorRequests);
        Assert.Empty(h.Cloud.TokenRequests);

        // The same activity with a proper token goes through: the refusals were about the tokens alone.
        var ok = await h.PostAsync(h.Activity("message", "act-ok", "conv-refused", "user-refused", "I need help, he beats me"), h.Token());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var expired = h.Cloud.MintToken(BotFrameworkHarness.AppId, h.Cloud.ServiceUrl, expires: now.AddMinutes(-10));
        var notYet = h.Cloud.MintToken(BotFrameworkHarness.AppId, h.Cloud.ServiceUrl, expires: now.AddMinutes(70), notBefore: now.AddMinutes(10));

        Assert.Equal(HttpStatusCode.Unauthorized, (await h.PostAsync(h.Activity("message", "act-1", "conv-exp", "user-exp", "hello"), expired)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await h.PostAsync(h.Activity("message", "act-2", "conv-exp", "user-exp", "hello"), notYet)).StatusCode);
        Assert.Empty(await h.StoredKeysAsync());
        Assert.Empty(h.Cloud.ConnectorRequests);

        // Within the clock skew (five minutes, as the Bot Connector documentation says), a token that just expired still counts.
        var justExpired = h.Cloud.MintToken(BotFrameworkHarness.AppId, h.Cloud.ServiceUrl, expires: now.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("message", "act-3", "conv-exp", "user-exp", "hello"), justExpired)).StatusCode);
    }

    [Fact]
    public async Task ServiceUrl_outside_the_allow_list_is_never_called()
    {
        await using var outside = await OutsideServer.StartAsync();
        await using var h = await BotFrameworkHarness.StartAsync();
        var foreign = new Uri(outside.BaseUrl, "connector/").AbsoluteUri;

        // Properly signed, even: the token names the foreign serviceUrl, which simply is not on the allow-list.
        var signedForForeign = h.Cloud.MintToken(BotFrameworkHarness.AppId, foreign);
        var response = await h.PostAsync(h.Activity("conversationUpdate", "act-1", "conv-ssrf", "user-ssrf", serviceUrl: foreign), signedForForeign);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        response = await h.PostAsync(h.Activity("message", "act-2", "conv-ssrf", "user-ssrf", "please help", serviceUrl: foreign), signedForForeign);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        // A token for the allowed connector does not vouch for an activity naming another serviceUrl.
        response = await h.PostAsync(h.Activity("message", "act-3", "conv-ssrf", "user-ssrf", "please help", serviceUrl: foreign), h.Token());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // Plain http to a Bot Framework look-alike path on the allowed host, but another port: refused too.
        var otherPort = $"http://127.0.0.1:{outside.BaseUrl.Port}/";
        response = await h.PostAsync(h.Activity("message", "act-4", "conv-ssrf", "user-ssrf", "please help", serviceUrl: otherPort),
            h.Cloud.MintToken(BotFrameworkHarness.AppId, otherPort));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        await Task.Delay(500);
        Assert.Empty(outside.Requests);
        Assert.Empty(h.Cloud.ConnectorRequests);
        Assert.Empty(await h.StoredKeysAsync());
    }

    [Fact]
    public async Task Duplicate_activity_is_stored_once()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        var message = h.Activity("message", "act-dup-1", "conv-dup", "user-dup", "Hello, I want to talk to someone");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(message, h.Token())).StatusCode);
        }
        // Concurrent redeliveries too.
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.PostAsync(message, h.Token())));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var id = (await h.HotlineConversationIdAsync("conv-dup"))!;
        var entries = await h.Services.GetRequiredService<TranscriptStore>().ReadAsync(id, CancellationToken.None);
        var texts = TranscriptStore.OpenAll(id, entries, h.Team!, h.ServiceSigners);
        Assert.Single(texts, t => t == "Hello, I want to talk to someone");
        Assert.Equal(1, await h.Db.StreamLengthAsync(RedisKeys.Events));
        // Greeting and one answer, each sent once: they go out through the outbox, so wait for both (a busy machine took
        // longer than a fixed 300 ms), then give a duplicate the same moment to show.
        await h.ConnectorReceivedAsync(2);
        await Task.Delay(300);
        Assert.Equal(2, h.Cloud.ConnectorRequests.Count);

        // Another activity id in the same conversation is a new message.
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("message", "act-dup-2", "conv-dup", "user-dup", "Are you there?"), h.Token())).StatusCode);
        Assert.Equal(2, await h.Db.StreamLengthAsync(RedisKeys.Events));
    }

    [Fact]
    public async Task Connector_429_is_retried()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        h.Cloud.ThrottleNext(2);

        var response = await h.PostAsync(h.Activity("message", "act-429", "conv-429", "user-429", "Hello"), h.Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The greeting was refused twice with 429 and Retry-After: 1, then accepted; the answer went through at once.
        var sent = await h.ConnectorReceivedAsync(4);
        var greeting = sent.Where(s => (string?)s.Json?["text"] == Hotline.Bot.Flow.BotTexts.Greeting).ToList();
        Assert.Equal(3, greeting.Count);
        Assert.True(greeting[1].At - greeting[0].At >= TimeSpan.FromMilliseconds(900), "the retry waited as Retry-After asked");
        Assert.Equal(greeting[0].Body, greeting[2].Body);
        Assert.Single(h.Cloud.TokenRequests);
    }

    [Fact]
    public async Task Operator_reply_reaches_the_connector_and_the_bot_stays_silent_while_the_operator_holds_the_case()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        using var triage = TriageHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HOTLINE_REDIS"] = h.Redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = h.Redis.SecretsDirectory,
            ["HOTLINE_DATA_DIR"] = h.DataDir,
            ["HOTLINE_TEAM_KEY_FINGERPRINT"] = h.Fingerprint,
        }));
        await triage.StartAsync();
        try
        {
            const string conversation = "conv-takeover";
            Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("message", "m1", conversation, "user-t", UrgentText), h.Token())).StatusCode);
            await h.ConnectorReceivedAsync(2); // greeting and the urgent answer

            // Triage opens a case for the urgent conversation; an operator claims it as the console does.
            var id = (await h.HotlineConversationIdAsync(conversation))!;
            var conversations = h.Services.GetRequiredService<ConversationStore>();
            // The operator's side as the Operator service does it, with its own Redis user.
            await using var asOperator = await h.ConnectAsAsync("operator");
            var cases = new CaseStore(asOperator.Store, TimeProvider.System);
            // Triage links the case to the conversation a moment before it writes the case itself: wait for both.
            var caseId = await WaitForAsync(async () =>
                (await conversations.GetAsync(id))?.CaseId is { } linked && await cases.GetAsync(linked) is not null ? linked : null);
            Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(caseId, "demo"));
            await conversations.SetOperatorAsync(id, "demo");
            await h.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(id, OutboxKind.OperatorJoined, null).ToFields(h.ServiceSigningKey(Signers.Operator)));

            // No counsellor is free while the case waits, so the Triage worker's clock (every 250 ms) may have told the
            // person their place in the line before the claim: at most that one message comes between; none after.
            var joined = await h.ConnectorReceivedAsync(3);
            var told = joined.Skip(2).TakeWhile(r => (string?)r.Json?["text"] != BotTextsFor.OperatorJoined).ToList();
            Assert.All(told, r => Assert.Equal(Hotline.Bot.Flow.BotTexts.QueuePlace(Language.En, 1), (string?)r.Json?["text"]));
            var k = told.Count;
            Assert.InRange(k, 0, 1);
            joined = await h.ConnectorReceivedAsync(3 + k);
            Assert.Equal(BotTextsFor.OperatorJoined, (string?)joined[2 + k].Json?["text"]);

            // The operator's reply, sealed to the Bot's published key, goes out as a new activity from "Counsellor".
            const string operatorText = "I am Dritan's colleague, I am here with you. Are you somewhere safe right now?";
            var keys = h.Services.GetRequiredService<TeamKeyDirectory>();
            var botKey = await keys.BotPublicKeyAsync(CancellationToken.None);
            await new TranscriptStore(h.Services.GetRequiredService<HotlineRedis>(), keys, h.ServiceSigningKey(Signers.Operator), TimeProvider.System)
                .AppendAsync(id, Author.Operator, "demo", operatorText, CancellationToken.None);
            await h.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(id, OutboxKind.Reply, HotlineCrypto.Seal(Encoding.UTF8.GetBytes(operatorText), botKey)).ToFields(h.ServiceSigningKey(Signers.Operator)));
            var replied = await h.ConnectorReceivedAsync(4 + k);
            var operatorReply = replied[3 + k];
            Assert.Equal(operatorText, (string?)operatorReply.Json?["text"]);
            Assert.Equal("Counsellor", (string?)operatorReply.Json?["from"]?["name"]);
            Assert.Equal(BotFrameworkHarness.BotAccountId, (string?)operatorReply.Json?["from"]?["id"]);
            Assert.Null(operatorReply.Json?["replyToId"]);
            Assert.Equal($"/connector/v3/conversations/{conversation}/activities", operatorReply.RawTarget);
            Assert.Equal("Bearer " + FakeBotFrameworkCloud.AccessToken, operatorReply.Authorization);

            // The operator types: the person sees a typing indicator from "Counsellor", and nothing is stored.
            await h.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(id, OutboxKind.Typing, null).ToFields(h.ServiceSigningKey(Signers.Operator)));
            var typing = (await h.ConnectorReceivedAsync(5 + k))[4 + k];
            Assert.Equal("typing", (string?)typing.Json?["type"]);
            Assert.Equal("Counsellor", (string?)typing.Json?["from"]?["name"]);

            // The person types, then answers: the console hears of the typing; the answer is stored and screened;
            // and the bot says nothing while the operator holds the conversation.
            var typingHeard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await h.Connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.PersonTyping), (_, value) => typingHeard.TrySetResult(value!));
            Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("typing", "m2", conversation, "user-t"), h.Token())).StatusCode);
            Assert.Equal(id, await typingHeard.Task.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("message", "m3", conversation, "user-t", "Yes, I am at my sister's place now"), h.Token())).StatusCode);
            await Task.Delay(1500);
            Assert.Equal(5 + k, h.Cloud.ConnectorRequests.Count);
            var transcripts = h.Services.GetRequiredService<TranscriptStore>();
            var texts = TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), h.Team!, h.ServiceSigners);
            Assert.Equal("Yes, I am at my sister's place now", texts[^1]);

            // The operator hands the conversation back: the person is told, and the bot answers again.
            Assert.True(await cases.ReleaseAsync(caseId, "demo"));
            await conversations.UnlinkCaseAsync(id);
            await h.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(id, OutboxKind.OperatorLeft, null).ToFields(h.ServiceSigningKey(Signers.Operator)));
            var left = (await h.ConnectorReceivedAsync(6 + k))[5 + k];
            Assert.Equal(Hotline.Bot.Flow.BotTexts.OperatorLeft(Language.En), (string?)left.Json?["text"]);
            Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("message", "m4", conversation, "user-t", "Thank you"), h.Token())).StatusCode);
            var answer = (await h.ConnectorReceivedAsync(7 + k))[6 + k];
            Assert.Equal($"/connector/v3/conversations/{conversation}/activities/m4", answer.RawTarget);
        }
        finally
        {
            await triage.StopAsync();
        }
    }

    [Fact]
    public async Task Channel_not_endorsed_by_the_signing_key_is_forbidden()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        var response = await h.PostAsync(h.Activity("message", "act-1", "conv-end", "user-end", "hello", channelId: "telegram"), h.Token());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await h.StoredKeysAsync());
        Assert.Empty(h.Cloud.ConnectorRequests);
    }

    [Fact]
    public async Task Typing_and_other_activity_types_are_accepted_and_nothing_is_stored()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        foreach (var type in new[] { "typing", "event", "invoke", "messageReaction", "endOfConversation", "installationUpdate" })
        {
            var response = await h.PostAsync(h.Activity(type, "act-" + type, "conv-types", "user-types", "ignored text"), h.Token());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var noMembers = h.Activity("conversationUpdate", "act-cu", "conv-types", "user-types");
        noMembers.Remove("membersAdded");
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(noMembers, h.Token())).StatusCode);
        Assert.Empty(await h.StoredKeysAsync());
        Assert.Empty(h.Cloud.ConnectorRequests);
    }

    [Fact]
    public async Task Malformed_activity_is_refused_after_authentication_and_nothing_is_stored()
    {
        await using var h = await BotFrameworkHarness.StartAsync();
        var noConversation = h.Activity("message", "act-1", "conv-bad", "user-bad", "hello");
        noConversation.Remove("conversation");
        Assert.Equal(HttpStatusCode.BadRequest, (await h.PostAsync(noConversation, h.Token())).StatusCode);
        var badChannel = h.Activity("message", "act-2", "conv-bad", "user-bad", "hello", channelId: "web chat/../x");
        Assert.Equal(HttpStatusCode.BadRequest, (await h.PostAsync(badChannel, h.Token())).StatusCode);
        var tooLong = h.Activity("message", "act-3", "conv-bad", "user-bad", new string('a', BotFrameworkApi.MaxTextLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, (await h.PostAsync(tooLong, h.Token())).StatusCode);
        using var notJson = new StringContent("{not json", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = notJson };
        request.Headers.Authorization = new("Bearer", h.Token());
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Client.SendAsync(request)).StatusCode);
        Assert.Empty(await h.StoredKeysAsync());
    }

    [Fact]
    public async Task Unreachable_signing_keys_answer_503_and_nothing_is_stored()
    {
        var closedPort = FreePort.Next();
        await using var h = await BotFrameworkHarness.StartAsync(s =>
            s["HOTLINE_BOTFRAMEWORK_OPENID_METADATA"] = $"http://127.0.0.1:{closedPort}/v1/.well-known/openidconfiguration");
        var response = await h.PostAsync(h.Activity("message", "act-1", "conv-nokeys", "user-nokeys", "hello"), h.Token());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(await h.StoredKeysAsync());
        Assert.Empty(h.Cloud.ConnectorRequests);
    }

    [Fact]
    public async Task Without_an_app_id_the_endpoint_answers_503()
    {
        await using var h = await BotFrameworkHarness.StartAsync(s =>
        {
            s.Remove("HOTLINE_BOTFRAMEWORK_APP_ID");
            s.Remove("HOTLINE_BOTFRAMEWORK_APP_PASSWORD");
        });
        var response = await h.PostAsync(h.Activity("message", "act-1", "conv-off", "user-off", "hello"), h.Token());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("HOTLINE_BOTFRAMEWORK_APP_ID", await response.Content.ReadAsStringAsync());
        Assert.Empty(await h.StoredKeysAsync());
        Assert.Equal(0, h.Cloud.KeySetRequests);
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(50);
        }
        throw new TimeoutException("the condition did not come true within 15 s");
    }

    private static class BotTextsFor
    {
        public static string OperatorJoined => Hotline.Bot.Flow.BotTexts.OperatorJoined(Language.En);
    }
}
