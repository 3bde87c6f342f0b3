using Hotline.Core.Notices;
using Microsoft.AspNetCore.Builder;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// The Twilio hotline (Bot, Triage, redis-server, fake Twilio) plus a second Bot on the same Redis that has staff numbers
/// configured, in both documented forms: it alone sends staff notices (a Bot without staff numbers leaves them be).
/// </summary>
public sealed class StaffHotline : IAsyncLifetime
{
    public const string StaffTemplateSid = "HX1123456789abcdef0123456789abcdef";
    public const string NoticesGroup = "twilio-notices";

    public TwilioHotline Hotline { get; } = new();
    public string Supervisor { get; } = TwilioHotline.NewNumber();
    public string UnitDurres { get; } = TwilioHotline.NewNumber();
    public string UnitVlore { get; } = TwilioHotline.NewNumber();
    public WebApplication StaffBot { get; private set; } = null!;

    public IOutboundNotifier Notifier => Hotline.Services.GetRequiredService<IOutboundNotifier>();

    public async Task InitializeAsync()
    {
        await Hotline.InitializeAsync();
        (StaffBot, _) = await Hotline.StartBotAsync(new Dictionary<string, string?>
        {
            ["HOTLINE_TWILIO_FROM"] = TwilioHotline.HotlineNumber,
            ["HOTLINE_TWILIO_STAFF"] = $"oncall-supervisor=sms:{Supervisor}, unit-durres=sms:{UnitDurres}",
            ["Twilio:Staff:unit-vlore"] = $"whatsapp:{UnitVlore}",
            ["HOTLINE_TWILIO_STAFF_TEMPLATE_SID"] = StaffTemplateSid,
        });
    }

    public async Task DisposeAsync()
    {
        if (StaffBot is not null) await StaffBot.DisposeAsync();
        await Hotline.DisposeAsync();
    }

    /// <summary>Waits for a timeline entry of this kind on the case (as the console shows it), and returns it.</summary>
    public async Task<TimelineEntry> WaitForTimelineAsync(string caseId, TimelineKind kind)
    {
        var timeline = Hotline.Services.GetRequiredService<CaseTimeline>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var entries = await timeline.ReadAsync(caseId);
            if (entries.FirstOrDefault(e => e.Kind == kind) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {kind} on the timeline; it holds: {string.Join(", ", entries.Select(e => e.Kind))}");
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string caseId) =>
        await Hotline.Services.GetRequiredService<CaseTimeline>().ReadAsync(caseId);

    /// <summary>Waits until every notice was handled: none left on the stream, none pending.</summary>
    public async Task WaitUntilNoticesDoneAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await Hotline.Db.StreamLengthAsync(RedisKeys.Notices) > 0 || (await Hotline.Db.StreamPendingAsync(RedisKeys.Notices, NoticesGroup)).PendingMessageCount > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Staff notices are still waiting");
            await Task.Delay(50);
        }
    }
}
