using System.Text.Json;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Dispatch;
using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Core.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Delivers staff notices (hl:notices: escalations to the on-call supervisor, dispatches to mobile units, an approved
/// contact) by SMS or WhatsApp. The recipient is a name, resolved to a number from this Bot's configuration alone; the
/// number is never written to Redis or a log. Each outcome goes on the case's timeline: notice-sent, notice-undeliverable
/// (unknown name, refused by Twilio), and for a contact contact-refused or contact-unavailable; the consoles showing the
/// case are told it changed. Twilio answering 429/5xx
/// leaves the notice pending for a later try. Read through a consumer group, each recipient's notices in order.
/// </summary>
internal sealed class StaffNoticeSender(
    HotlineRedis redis,
    TwilioRestClient rest,
    TwilioSenders senders,
    CaseStore cases,
    ConversationStore conversations,
    DispatchStore dispatches,
    Hotline.Bot.Secrets.BotSecrets secrets,
    CaseTimeline timeline,
    ConsoleSignals signals,
    IOptions<TwilioOptions> options,
    ILogger<StaffNoticeSender> logger,
    TimeProvider time) : PartitionedStreamWorker(redis, logger, time)
{
    public const string GroupName = "twilio-notices";

    protected override string Stream => RedisKeys.Notices;
    protected override string Group => GroupName;

    /// <summary>A Bot without staff numbers leaves the notices to one that has them.</summary>
    protected override bool Enabled => options.Value.Enabled && options.Value.Staff.Count > 0;

    protected override int Concurrency => options.Value.SendConcurrency;

    protected override string PartitionOf(StreamEntry entry) => entry["recipient"].ToString();

    protected override async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        var notice = new OutboundNotice(entry["recipient"].ToString(), entry["purpose"].ToString(), entry["text"].ToString(),
            entry["caseId"] is { IsNullOrEmpty: false } c ? c.ToString() : null,
            SealedArea: entry["areaSealed"] is { IsNullOrEmpty: false } area ? area.ToString() : null);
        if (notice.Recipient.Length == 0 || notice.Purpose.Length == 0)
        {
            Logger.LogWarning("Dropping a malformed staff notice {EntryId}", entry.Id.ToString());
            return;
        }
        if (!options.Value.Staff.TryGetValue(notice.Recipient, out var configured) || !StaffAddress.TryParse(configured, out var address))
        {
            Logger.LogError("No number is configured for staff member {Recipient}: a notice ({Purpose}) for case {CaseId} was not sent", notice.Recipient, notice.Purpose, notice.CaseId);
            await RecordAsync(notice, TimelineKind.NoticeUndeliverable, $"{notice.Purpose} to {notice.Recipient}: no number configured for this name").ConfigureAwait(false);
            return;
        }
        if (QueuedAt(entry) is { } queued && Time.GetUtcNow() - queued > options.Value.GiveUpAfter)
        {
            Logger.LogError("Gave up a notice ({Purpose}) to {Recipient} for case {CaseId}: Twilio unavailable for too long", notice.Purpose, notice.Recipient, notice.CaseId);
            await RecordAsync(notice, TimelineKind.NoticeUndeliverable, $"{notice.Purpose} to {notice.Recipient}: Twilio unavailable for too long").ConfigureAwait(false);
            return;
        }
        var text = notice.Purpose == NoticePurposes.Contact ? await ContactTextAsync(notice).ConfigureAwait(false)
            : notice.SealedArea is not null ? await WithAreaAsync(notice).ConfigureAwait(false)
            : notice.Text;
        if (text is null) return;

        var parts = Parts(address, text);
        for (var i = 0; i < parts.Count; i++)
        {
            var sentKey = TwilioKeys.SentNoticePart(entry.Id.ToString(), i);
            if (redelivered && await Redis.Db.KeyExistsAsync(sentKey).ConfigureAwait(false)) continue;
            switch (await rest.SendAsync(parts[i], cancellationToken).ConfigureAwait(false))
            {
                case SendResult.Sent sent:
                    await Redis.Db.StringSetAsync(sentKey, sent.Sid, TimeSpan.FromDays(1)).ConfigureAwait(false);
                    break;
                case SendResult.Rejected rejected:
                    var why = rejected.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"http-{rejected.HttpStatus}";
                    await RecordAsync(notice, TimelineKind.NoticeUndeliverable, $"{notice.Purpose} to {notice.Recipient}: Twilio refused it ({why})").ConfigureAwait(false);
                    return;
                case SendResult.Unavailable unavailable:
                    throw new TwilioUnavailableException(unavailable.HttpStatus);
            }
        }
        Logger.LogInformation("Sent a notice ({Purpose}) to {Recipient} for case {CaseId}", notice.Purpose, notice.Recipient, notice.CaseId);
        await RecordAsync(notice, TimelineKind.NoticeSent, $"{notice.Purpose} to {notice.Recipient} by {address.Channel.ToWire()}").ConfigureAwait(false);
    }

    /// <summary>SMS split within the segment limit; on WhatsApp the approved staff template, the notice as its variable (staff rarely have an open window).</summary>
    private List<RestMessage> Parts(StaffAddress address, string text)
    {
        var settings = options.Value;
        var via = settings.ReplyVia(address.Channel, null, null)!;
        if (address.Channel == Channel.WhatsApp)
        {
            return [new RestMessage(address.To, via, null, settings.StaffTemplateSid, null, JsonSerializer.Serialize(new Dictionary<string, string> { ["1"] = text }))];
        }
        return SmsSegments.SplitForSms(text, settings.MaxSegmentsPerSms).Select(body => new RestMessage(address.To, via, body, null, null)).ToList();
    }

    /// <summary>
    /// A dispatch notice's area, opened with the Bot's box key now and put into the text; it is on the stream only sealed.
    /// Null, with the reason on the timeline, when it does not open as the area of this case's dispatch.
    /// </summary>
    private async Task<string?> WithAreaAsync(OutboundNotice notice)
    {
        try
        {
            if (notice.CaseId is { } caseId && await dispatches.GetAsync(caseId).ConfigureAwait(false) is { } dispatch)
            {
                return notice.Text.Replace(DispatchArea.Placeholder, DispatchArea.Open(notice.SealedArea!, dispatch.Code, secrets.Box), StringComparison.Ordinal);
            }
        }
        catch (Hotline.Core.Crypto.CryptoFailure)
        {
            // Sealed to another key, or for another dispatch: said below, nothing is sent.
        }
        Logger.LogError("The sealed area of a notice ({Purpose}) to {Recipient} for case {CaseId} did not open: it was not sent", notice.Purpose, notice.Recipient, notice.CaseId);
        await RecordAsync(notice, TimelineKind.NoticeUndeliverable, $"{notice.Purpose} to {notice.Recipient}: its sealed area did not open").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The approved contact for the unit: checked again here (the dispatch says contactApproved and names this unit), the
    /// number read from the person's sealed reply address at send time. Null, with the reason on the timeline, otherwise.
    /// </summary>
    private async Task<string?> ContactTextAsync(OutboundNotice notice)
    {
        if (notice.CaseId is not { } caseId || await dispatches.GetAsync(caseId).ConfigureAwait(false) is not { } dispatch)
        {
            Logger.LogWarning("Refused a contact notice to {Recipient}: case {CaseId} has no dispatch", notice.Recipient, notice.CaseId);
            await RecordAsync(notice, TimelineKind.ContactRefused, "no dispatch for this case").ConfigureAwait(false);
            return null;
        }
        var refusal = dispatch switch
        {
            { Status: not (DispatchStatus.Sent or DispatchStatus.Acknowledged or DispatchStatus.EnRoute or DispatchStatus.Arrived) } => $"the dispatch is {dispatch.Status.ToString().ToLowerInvariant()}, not with a unit",
            { ContactApproved: false } => $"the contact is not approved for {notice.Recipient}",
            _ when !string.Equals(dispatch.Unit, notice.Recipient, StringComparison.OrdinalIgnoreCase) => $"the contact is not approved for {notice.Recipient}",
            _ => null,
        };
        if (refusal is not null)
        {
            Logger.LogWarning("Refused a contact notice to {Recipient} for case {CaseId}: {Refusal}", notice.Recipient, caseId, refusal);
            await RecordAsync(notice, TimelineKind.ContactRefused, $"{dispatch.Code}: {refusal}").ConfigureAwait(false);
            return null;
        }
        var (channel, address) = await PersonAddressAsync(caseId).ConfigureAwait(false);
        var number = address?.StartsWith(TwilioOptions.WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) == true ? address[TwilioOptions.WhatsAppPrefix.Length..] : address;
        if (number is null || !number.StartsWith('+'))
        {
            var why = channel is not (Channel.Sms or Channel.WhatsApp) ? "the person wrote by web chat: there is no number to share"
                : number is null ? "the person's number is no longer kept (expired, or they asked to stop)"
                : "the person's WhatsApp account does not show a phone number";
            Logger.LogWarning("No contact to send to {Recipient} for case {CaseId}", notice.Recipient, caseId);
            await RecordAsync(notice, TimelineKind.ContactUnavailable, $"{dispatch.Code}: {why}").ConfigureAwait(false);
            return null;
        }
        var label = channel == Channel.WhatsApp ? "WhatsApp" : "SMS";
        return $"Hotline {dispatch.Code}: the person agreed to be contacted. {label}: {number}";
    }

    /// <summary>The channel the person is on now (where they continued with the case code, if they did) and its sealed reply address, opened.</summary>
    private async Task<(Channel? Channel, string? Address)> PersonAddressAsync(string caseId)
    {
        if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { } record) return (null, null);
        if (await conversations.GetAsync(record.ConversationId).ConfigureAwait(false) is not { } conversation) return (record.Channel, null);
        var (channel, channelConversationId) = conversation.Route is { } route ? (route.Channel, route.ChannelConversationId) : (conversation.Channel, conversation.Id);
        if (channel is not (Channel.Sms or Channel.WhatsApp)) return (channel, null);
        return (channel, await senders.AddressAsync(channelConversationId, channel).ConfigureAwait(false));
    }

    private async Task RecordAsync(OutboundNotice notice, TimelineKind kind, string detail)
    {
        if (notice.CaseId is not { } caseId) return;
        await timeline.AppendAsync(caseId, kind, "twilio", detail).ConfigureAwait(false);
        await signals.CaseChangedAsync(caseId).ConfigureAwait(false);
    }

    private static DateTimeOffset? QueuedAt(StreamEntry entry) =>
        long.TryParse(entry.Id.ToString().Split('-')[0], out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
