using Hotline.Bot.Flow;
using Hotline.Bot.Tests.Channels.Twilio;

namespace Hotline.Bot.Tests.Flow;

/// <summary>A conversation's sealed risk state keeps every message, however many of them arrive at the same instant.</summary>
[Collection(TwilioCollection.Name)]
public sealed class ConversationRiskRaceTests(TwilioHotline hotline)
{
    private static readonly string[] Messages =
    [
        "he took my passport and says I owe him for the trip",
        "my husband beats me every night",
        "someone is sharing my naked photos online",
        "I am 14 and a man from the internet wants to meet me",
        "they make me work in a bar and keep all the money",
        "my father threatened to kill me if I tell anyone",
    ];

    [Fact]
    public async Task Messages_arriving_at_the_same_instant_all_count_in_the_conversations_risk()
    {
        var flow = hotline.Services.GetRequiredService<ConversationFlow>();
        var risks = hotline.Services.GetRequiredService<ConversationRiskStore>();
        var one_by_one = await NewConversationAsync();
        foreach (var text in Messages) await flow.ReceiveAsync(new InboundMessage(one_by_one, Channel.WebChat, text, Quiet: true), CancellationToken.None);
        var expected = await risks.GetAsync(one_by_one, Severity.None);

        var together = await NewConversationAsync();
        using var start = new ManualResetEventSlim();
        var sending = Messages.Select(text => Task.Run(async () =>
        {
            start.Wait();
            await flow.ReceiveAsync(new InboundMessage(together, Channel.WebChat, text, Quiet: true), CancellationToken.None);
        })).ToList();
        start.Set();
        await Task.WhenAll(sending);

        var risk = await risks.GetAsync(together, Severity.None);
        Assert.True(expected.Categories.Count > 2, "the messages are of several categories");
        Assert.Equal(expected.Categories.Order(), risk.Categories.Order());
        Assert.Equal(expected.Indicators.Order(), risk.Indicators.Order());
        Assert.Equal(expected.Minor, risk.Minor);
        Assert.Equal(Messages.Length, (await hotline.Services.GetRequiredService<Hotline.Core.Transcripts.TranscriptStore>().ReadAsync(together, CancellationToken.None)).Count);
    }

    private async Task<string> NewConversationAsync()
    {
        var id = "c" + Guid.NewGuid().ToString("N");
        await hotline.Services.GetRequiredService<ConversationStore>().CreateAsync(id, Channel.WebChat, Language.En);
        return id;
    }
}
