using Hotline.Bot.Secrets;
using Hotline.Core.Dispatch;
using Hotline.Core.Identity;
using Hotline.Core.Notices;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>Staff notices on hl:notices, as Triage and the console queue them, reaching staff phones through the fake Twilio.</summary>
[Collection(StaffNoticesCollection.Name)]
public sealed class StaffNoticeTests(StaffHotline staff)
{
    private TwilioHotline Hotline => staff.Hotline;
    private FakeTwilio Twilio => staff.Hotline.Twilio;
    private T Service<T>() where T : notnull => Hotline.Services.GetRequiredService<T>();

    [Fact]
    public async Task Escalation_notice_reaches_the_on_call_supervisor_by_sms()
    {
        var caseId = NewCaseId();
        var text = $"Hotline: critical case {caseId} not claimed after 90 s. Open the console.";

        await QueueAsync("oncall-supervisor", NoticePurposes.Escalation, text, caseId);

        var (sms, sent) = await DeliveredAsync(caseId, m => m.Body == text);
        Assert.Equal(staff.Supervisor, sms.To);
        Assert.Equal(TwilioHotline.HotlineNumber, sms.Form["From"]);
        Assert.Equal("escalation to oncall-supervisor by sms", sent);
        await staff.WaitUntilNoticesDoneAsync();
    }

    [Fact]
    public async Task Dispatch_notice_reaches_the_units_number()
    {
        var caseId = NewCaseId();
        var text = $"Hotline D-{caseId[^6..].ToUpperInvariant()}: critical, violence, Durrës. Acknowledge on the unit page.";

        await QueueAsync("unit-durres", NoticePurposes.Dispatch, text, caseId);

        var (sms, sent) = await DeliveredAsync(caseId, m => m.Body == text);
        Assert.Equal(staff.UnitDurres, sms.To);
        Assert.Equal("dispatch to unit-durres by sms", sent);
    }

    [Fact]
    public async Task Dispatch_area_is_only_sealed_in_redis_and_its_files_and_the_unit_reads_it_in_the_sms()
    {
        // A municipality no other notice of these tests names, so any copy of it found is this one's.
        const string area = "Finiq";
        var (caseId, code) = await CaseWithDispatchAsync(Ids.New("c", 16), Channel.Sms, "unit-durres", contactApproved: false);
        var text = $"Hotline {code}: critical, violence, {DispatchArea.Placeholder}. Acknowledge on the unit page.";
        // As the Operator service seals the confirmed area to the Bot's box key, and Triage queues the unit's notice.
        var sealedArea = DispatchArea.Seal(code, area, Service<BotSecrets>().Box.PublicKey);
        await staff.Notifier.SendAsync(new OutboundNotice("unit-durres", NoticePurposes.Dispatch, text, caseId, SealedArea: sealedArea), CancellationToken.None);

        var (sms, sent) = await DeliveredAsync(caseId, m => m.Body == text.Replace(DispatchArea.Placeholder, area, StringComparison.Ordinal));
        Assert.Equal(staff.UnitDurres, sms.To);
        Assert.Equal("dispatch to unit-durres by sms", sent);
        await staff.WaitUntilNoticesDoneAsync();

        // The stream carried it sealed: neither Redis nor its append-only file holds the area.
        var scanner = new LeakScanner(area);
        await scanner.ScanRedisAsync(Hotline.Redis);
        scanner.ScanDirectory(Hotline.Redis.DataDirectory);
        scanner.AssertNoLeaks();
    }

    [Fact]
    public async Task Dispatch_notice_whose_sealed_area_belongs_to_another_dispatch_is_not_sent()
    {
        var (caseId, code) = await CaseWithDispatchAsync(Ids.New("c", 16), Channel.Sms, "unit-durres", contactApproved: false);
        // Someone with Redis access copies another dispatch's sealed area onto this notice.
        var copied = DispatchArea.Seal("D-OTHER1", "Durrës", Service<BotSecrets>().Box.PublicKey);
        await staff.Notifier.SendAsync(new OutboundNotice("unit-durres", NoticePurposes.Dispatch,
            $"Hotline {code}: critical, violence, {DispatchArea.Placeholder}.", caseId, SealedArea: copied), CancellationToken.None);

        var entry = await staff.WaitForTimelineAsync(caseId, TimelineKind.NoticeUndeliverable);
        Assert.Contains("sealed area did not open", entry.Detail, StringComparison.Ordinal);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.DoesNotContain(Twilio.Requests, r => r.Body?.Contains(code, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Unit_on_whatsapp_gets_the_approved_staff_template_with_the_notice_as_its_variable()
    {
        var caseId = NewCaseId();
        var text = $"Hotline: dispatch for case {caseId}, high, trafficking, Vlorë.";

        await QueueAsync("unit-vlore", NoticePurposes.Dispatch, text, caseId);

        var (message, sent) = await DeliveredAsync(caseId,
            m => m.To == "whatsapp:" + staff.UnitVlore && m.Form.GetValueOrDefault("ContentVariables", "").Contains(caseId, StringComparison.Ordinal));
        Assert.Equal(StaffHotline.StaffTemplateSid, message.Form["ContentSid"]);
        Assert.Equal(text, JsonSerializer.Deserialize<Dictionary<string, string>>(message.Form["ContentVariables"])!["1"]);
        Assert.Equal("whatsapp:" + TwilioHotline.HotlineNumber, message.Form["From"]);
        Assert.Equal("dispatch to unit-vlore by whatsapp", sent);
    }

    [Fact]
    public async Task Twilio_503_then_201_sends_the_notice_once_after_a_retry()
    {
        var caseId = NewCaseId();
        var text = $"Hotline: critical case {caseId} waiting. Open the console.";
        Twilio.AnswerNextSends((503, null, null));

        await QueueAsync("oncall-supervisor", NoticePurposes.Escalation, text, caseId);

        await Twilio.WaitForMessagesAsync(m => m.Body == text, 1);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.Equal([503, 201], Twilio.Requests.Where(r => r.Body == text).Select(r => r.AnsweredWith));
        Assert.Single(await staff.TimelineAsync(caseId), e => e.Kind == TimelineKind.NoticeSent);
    }

    [Fact]
    public async Task Twilio_unavailable_for_every_attempt_keeps_the_notice_pending_for_a_later_try()
    {
        var caseId = NewCaseId();
        var text = $"Hotline: critical case {caseId} waiting, Twilio down.";
        Twilio.AnswerNextSends(Enumerable.Repeat<(int, int?, int?)>((503, null, null), 5).ToArray());

        await QueueAsync("oncall-supervisor", NoticePurposes.Escalation, text, caseId);

        await Twilio.WaitForAsync(() => Twilio.Requests.Where(r => r.Body == text).ToList(), 5);
        var pending = await Hotline.Db.StreamPendingAsync(RedisKeys.Notices, StaffHotline.NoticesGroup);
        Assert.Equal(1, pending.PendingMessageCount);
        Assert.DoesNotContain(Twilio.Messages, m => m.Body == text);
        Assert.DoesNotContain(await staff.TimelineAsync(caseId), e => e.Kind is TimelineKind.NoticeSent or TimelineKind.NoticeUndeliverable);
        // Claimed again once idle (30 s): not waited for here.
        await Hotline.Db.StreamAcknowledgeAsync(RedisKeys.Notices, StaffHotline.NoticesGroup, pending.LowestPendingMessageId);
        await Hotline.Db.StreamDeleteAsync(RedisKeys.Notices, [pending.LowestPendingMessageId]);
    }

    [Fact]
    public async Task Notice_taken_by_a_bot_that_crashed_is_claimed_and_sent_by_another()
    {
        var caseId = NewCaseId();
        var text = $"Hotline: critical case {caseId} waiting; the first Bot crashed.";
        // A Bot read the notice and died before acknowledging it: pending on its consumer, idle for a minute now.
        await staff.WaitUntilNoticesDoneAsync();
        await Hotline.Db.ScriptEvaluateAsync(
            "local id = redis.call('XADD', KEYS[1], '*', 'recipient', 'oncall-supervisor', 'purpose', 'escalation', 'text', ARGV[2], 'caseId', ARGV[3]) " +
            "redis.call('XREADGROUP', 'GROUP', ARGV[1], 'crashed-bot', 'COUNT', 1, 'STREAMS', KEYS[1], '>') " +
            "redis.call('XCLAIM', KEYS[1], ARGV[1], 'crashed-bot', 0, id, 'IDLE', 60000) return id",
            [RedisKeys.Notices], [StaffHotline.NoticesGroup, text, caseId]);

        var (sms, sent) = await DeliveredAsync(caseId, m => m.Body == text, TimeSpan.FromSeconds(30));
        Assert.Equal(staff.Supervisor, sms.To);
        Assert.Equal("escalation to oncall-supervisor by sms", sent);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.Single(Twilio.Requests, r => r.Body == text);
    }

    [Fact]
    public async Task Notice_to_an_unknown_name_is_recorded_on_the_timeline_sends_nothing_and_is_not_left_waiting()
    {
        var caseId = NewCaseId();
        var text = $"Hotline: dispatch for case {caseId}.";

        await QueueAsync("unit-nowhere", NoticePurposes.Dispatch, text, caseId);

        var undeliverable = await staff.WaitForTimelineAsync(caseId, TimelineKind.NoticeUndeliverable);
        Assert.Equal("dispatch to unit-nowhere: no number configured for this name", undeliverable.Detail);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.DoesNotContain(Twilio.Requests, r => r.Body == text);
    }

    [Fact]
    public async Task Approved_contact_reaches_the_unit_with_the_dispatch_code_and_the_persons_number_which_is_never_at_rest_in_clear()
    {
        var person = TwilioHotline.NewNumber();
        var conversationId = await SmsConversationAsync(person);
        var (caseId, code) = await CaseWithDispatchAsync(conversationId, Channel.Sms, "unit-durres", contactApproved: true);

        await QueueAsync("unit-durres", NoticePurposes.Contact, $"Hotline {code}: contact approved", caseId);

        var (sms, sent) = await DeliveredAsync(caseId, m => m.To == staff.UnitDurres && m.Body!.Contains(code, StringComparison.Ordinal));
        Assert.Equal($"Hotline {code}: the person agreed to be contacted. SMS: {person}", sms.Body);
        Assert.Equal("contact to unit-durres by sms", sent);
        await staff.WaitUntilNoticesDoneAsync();

        var scanner = new LeakScanner(person, staff.Supervisor, staff.UnitDurres, staff.UnitVlore);
        await scanner.ScanRedisAsync(Hotline.Redis);
        scanner.ScanDirectory(Hotline.DataDir);
        scanner.ScanText("service logs", Hotline.Logs.AllText);
        scanner.AssertNoLeaks();
    }

    [Fact]
    public async Task Approved_contact_of_a_person_on_whatsapp_gives_the_unit_their_whatsapp_number()
    {
        var person = TwilioHotline.NewNumber();
        var conversationId = await ConversationAsync("whatsapp:" + person, TwilioHotline.WhatsApp("whatsapp:" + person, "Hello", "Arta Hoxha", person[1..]), 2);
        var (caseId, code) = await CaseWithDispatchAsync(conversationId, Channel.WhatsApp, "unit-durres", contactApproved: true);

        await QueueAsync("unit-durres", NoticePurposes.Contact, $"Hotline {code}: contact approved", caseId);

        var (sms, _) = await DeliveredAsync(caseId, m => m.To == staff.UnitDurres && m.Body!.Contains(code, StringComparison.Ordinal));
        Assert.Equal($"Hotline {code}: the person agreed to be contacted. WhatsApp: {person}", sms.Body);
    }

    [Fact]
    public async Task Contact_without_approval_sends_nothing_and_says_so_on_the_timeline()
    {
        var person = TwilioHotline.NewNumber();
        var conversationId = await SmsConversationAsync(person);
        var (caseId, code) = await CaseWithDispatchAsync(conversationId, Channel.Sms, "unit-durres", contactApproved: false);

        await QueueAsync("unit-durres", NoticePurposes.Contact, $"Hotline {code}: contact approved", caseId);

        Assert.Equal($"{code}: the contact is not approved for unit-durres", (await staff.WaitForTimelineAsync(caseId, TimelineKind.ContactRefused)).Detail);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.DoesNotContain(Twilio.Requests, r => r.Body?.Contains(person, StringComparison.Ordinal) == true && r.To != person);
        Assert.DoesNotContain(Twilio.Requests, r => r.Body?.Contains(code, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Contact_approved_for_another_unit_is_not_sent_to_this_one()
    {
        var person = TwilioHotline.NewNumber();
        var conversationId = await SmsConversationAsync(person);
        var (caseId, code) = await CaseWithDispatchAsync(conversationId, Channel.Sms, "unit-vlore", contactApproved: true);

        await QueueAsync("unit-durres", NoticePurposes.Contact, $"Hotline {code}: contact approved", caseId);

        await staff.WaitForTimelineAsync(caseId, TimelineKind.ContactRefused);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.DoesNotContain(Twilio.Requests, r => r.To == staff.UnitDurres && r.Body?.Contains(code, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Contact_approved_for_a_dispatch_since_cancelled_is_not_sent()
    {
        var person = TwilioHotline.NewNumber();
        var conversationId = await SmsConversationAsync(person);
        var (caseId, code) = await CaseWithDispatchAsync(conversationId, Channel.Sms, "unit-durres", contactApproved: true);
        await Service<DispatchStore>().SetAsync(caseId, "status", nameof(DispatchStatus.Cancelled));

        await QueueAsync("unit-durres", NoticePurposes.Contact, $"Hotline {code}: contact approved", caseId);

        Assert.Equal($"{code}: the dispatch is cancelled, not with a unit", (await staff.WaitForTimelineAsync(caseId, TimelineKind.ContactRefused)).Detail);
        await staff.WaitUntilNoticesDoneAsync();
        Assert.DoesNotContain(Twilio.Requests, r => r.Body?.Contains(code, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Contact_of_a_web_chat_person_is_unavailable_and_the_console_timeline_says_so()
    {
        var conversationId = Ids.New("", 24);
        await Service<ConversationStore>().CreateAsync(conversationId, Channel.WebChat, Language.Sq);
        var (caseId, code) = await CaseWithDispatchAsync(conversationId, Channel.WebChat, "unit-durres", contactApproved: true);

        await QueueAsync("unit-durres", NoticePurposes.Contact, $"Hotline {code}: contact approved", caseId);

        var unavailable = await staff.WaitForTimelineAsync(caseId, TimelineKind.ContactUnavailable);
        Assert.Equal($"{code}: the person wrote by web chat: there is no number to share", unavailable.Detail);
        await staff.WaitUntilNoticesDoneAsync();
        // The consoles showing the case are told to load it again (the Operator relays hl:notify as caseChanged).
        Assert.Contains(await Hotline.Db.StreamRangeAsync(RedisKeys.Notifications), n => n["type"] == "case" && n["caseId"] == caseId);
        Assert.DoesNotContain(Twilio.Requests, r => r.Body?.Contains(code, StringComparison.Ordinal) == true);
    }

    private static string NewCaseId() => Ids.New("k", 16);

    /// <summary>Queues a notice as Triage and the console do (StreamOutboundNotifier onto hl:notices).</summary>
    private Task QueueAsync(string recipient, string purpose, string text, string caseId) =>
        staff.Notifier.SendAsync(new OutboundNotice(recipient, purpose, text, caseId), CancellationToken.None);

    /// <summary>The one message Twilio accepted for this notice, and the detail of the case's notice-sent entry.</summary>
    private async Task<(FakeTwilioRequest Message, string? Sent)> DeliveredAsync(string caseId, Func<FakeTwilioRequest, bool> match, TimeSpan? timeout = null)
    {
        var message = Assert.Single(await Twilio.WaitForMessagesAsync(match, 1, timeout));
        return (message, (await staff.WaitForTimelineAsync(caseId, TimelineKind.NoticeSent)).Detail);
    }

    /// <summary>
    /// A person writes by SMS or WhatsApp, as Twilio posts it; the Bot keeps their number sealed to reply. Returns once
    /// the Bot's answers went out, so none of them meets a failure a test scripts at the fake Twilio for a notice.
    /// </summary>
    private async Task<string> ConversationAsync(string from, IReadOnlyList<KeyValuePair<string, string>> form, int answers)
    {
        (await Hotline.PostSignedAsync(form)).EnsureSuccessStatusCode();
        await Twilio.WaitForMessagesAsync(m => m.To == from, answers);
        await Hotline.WaitUntilSentAsync();
        return (await Hotline.ConversationOfAsync(from))!;
    }

    private Task<string> SmsConversationAsync(string from) =>
        ConversationAsync(from, TwilioHotline.Sms(from, "Hello, can we talk?"), SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4).Count + 1);

    /// <summary>The case and its dispatch, sent to the unit, as Triage leaves them; contactApproved as the console's approval sets it.</summary>
    private async Task<(string CaseId, string Code)> CaseWithDispatchAsync(string conversationId, Channel channel, string unit, bool contactApproved)
    {
        var caseId = NewCaseId();
        // Opened and dispatched as the Triage worker does, with its own Redis user (the Bot's may not open cases).
        await using var asTriage = await Hotline.ConnectAsAsync("triage");
        var triage = asTriage.Store;
        await new CaseStore(triage, TimeProvider.System).OpenAsync(caseId, conversationId, Severity.Critical, ["violence"], Language.Sq, channel);
        var dispatches = new DispatchStore(triage, TimeProvider.System);
        var (dispatch, _) = await dispatches.ProposeAsync(caseId, unit, "violence", "critical");
        Assert.True(await dispatches.TransitionAsync(caseId, DispatchStatus.Proposed, DispatchStatus.Confirmed, "confirmedAt"));
        Assert.True(await dispatches.TransitionAsync(caseId, DispatchStatus.Confirmed, DispatchStatus.Sent, "sentAt"));
        if (contactApproved) await dispatches.SetAsync(caseId, "contactApproved", "1");
        return (caseId, dispatch.Code);
    }
}
