using Hotline.Bot.Secrets;
using Hotline.Bot.Tests.Channels.Twilio;

namespace Hotline.Bot.Tests.Secrets;

/// <summary>
/// Finding 2 of the privacy review, replayed as the attack: a web chat, an SMS and a WhatsApp conversation run on the
/// hotline; a thief copies the whole data folder (HOTLINE_DATA_DIR and Redis's folder with its append-only files, not
/// rewritten since) and, with that copy alone, tries everything in it that could be a key to open the Direct Line delivery
/// copy, the outbox, the transcripts, and to tie Albanian phone numbers to their pseudonyms by brute force. The same tools
/// given the keys that live outside the folder (the Bot's secrets, the team key) open each: what protects the person is
/// that those keys are not in the folder.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class StolenDataFolderTests(TwilioHotline hotline) : IDisposable
{
    private readonly string copy = Directory.CreateTempSubdirectory("hotline-stolen-").FullName;

    public void Dispose() => Directory.Delete(copy, recursive: true);

    [Fact]
    public async Task A_copy_of_the_data_folder_alone_opens_no_web_chat_outbox_or_transcript_and_reverses_no_phone_number()
    {
        const string webText = "Lindita writes: my husband reads my phone, please answer here only";
        const string webReply = "Lindita, we read you, stay on this page, we will answer here";
        const string smsText = "Teuta: he hit me again last night and I am scared";
        const string smsReply = "Teuta, are you safe where you are now?";
        const string whatsAppText = "Mirela: they took my documents, I cannot leave";
        const string profileName = "Mirela Kastrati";
        var smsNumber = TwilioHotline.NewNumber();
        var whatsAppNumber = TwilioHotline.NewNumber();

        using var visitor = await hotline.StartWebChatAsync();
        (await visitor.SayAsync(webText)).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(smsNumber, smsText))).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.WhatsApp("whatsapp:" + whatsAppNumber, whatsAppText, profileName, whatsAppNumber[1..]))).EnsureSuccessStatusCode();
        var web = visitor.ConversationId;
        var sms = (await hotline.ConversationOfAsync(smsNumber))!;
        var whatsApp = (await hotline.ConversationOfAsync("whatsapp:" + whatsAppNumber))!;
        await hotline.OperatorRepliesAsync(web, webReply);
        await hotline.OperatorRepliesAsync(sms, smsReply);
        await visitor.WaitForBotMessageAsync(t => t == webReply, TimeSpan.FromSeconds(30));
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == smsNumber && m.Body == smsReply, 1);
        await hotline.WaitUntilSentAsync();

        // The thief copies the data folder as it is on disk.
        CopyFolder(hotline.DataDir, Path.Combine(copy, "data"));
        CopyFolder(hotline.Redis.DataDirectory, Path.Combine(copy, "redis"));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(copy, "redis", "appendonlydir"), "*.aof"));
        var stolen = StolenCopy.Of(copy);
        var candidates = stolen.KeyCandidates();
        Assert.NotEmpty(candidates);
        var numbers = StolenCopy.NumbersAround(smsNumber).Concat(StolenCopy.NumbersAround(whatsAppNumber)).ToList();
        var pseudonyms = stolen.Pseudonyms();

        // With the copy alone nothing opens.
        var dayKeys = stolen.UnwrapRotatingKeys("delivery", candidates);
        Assert.Empty(dayKeys);
        Assert.Empty(stolen.OpenDeliveryCopies(dayKeys));
        Assert.Empty(stolen.OpenSealedBoxes(candidates, (key, written) => key == RedisKeys.Outbox && Mentions(written, web, sms, whatsApp)));
        Assert.Empty(stolen.OpenSealedBoxes(candidates, (key, _) => Mentions(key, web, sms, whatsApp)));
        var pseudonymKeys = stolen.UnwrapRotatingKeys("pseudonym", candidates);
        Assert.Empty(pseudonymKeys);
        Assert.Empty(StolenCopy.ReversePseudonyms([.. pseudonymKeys.Values, .. candidates], numbers, pseudonyms));
        // Nor is a word, a number, a name or a WhatsApp id in any file of it, in any encoding.
        var scanner = new LeakScanner(webText, webReply, smsText, smsReply, whatsAppText, profileName, "Lindita", "Teuta", "Mirela",
            smsNumber, smsNumber[1..], whatsAppNumber, whatsAppNumber[1..]);
        scanner.ScanDirectory(copy);
        scanner.AssertNoLeaks();

        // The same tools with the keys kept outside the folder open each: the attack was real.
        var bot = hotline.Services.GetRequiredService<BotSecrets>();
        Assert.Contains(stolen.OpenDeliveryCopies(stolen.UnwrapRotatingKeys("delivery", [bot.DeliveryKey])), c => c.Contains(webText, StringComparison.Ordinal));
        Assert.Contains(smsReply, stolen.OpenSealedBoxes([bot.Box.PrivateKey], (key, written) => key == RedisKeys.Outbox && Mentions(written, sms)));
        Assert.NotEmpty(stolen.OpenSealedBoxes([hotline.Team!.PrivateKey], (key, _) => Mentions(key, web)));
        // Other tests of this collection wrote from numbers near these, so the key reverses theirs too: these two must be among them.
        var reversed = StolenCopy.ReversePseudonyms(stolen.UnwrapRotatingKeys("pseudonym", [bot.PseudonymKey]).Values, numbers, pseudonyms).ToList();
        Assert.Contains(smsNumber, reversed);
        Assert.Contains(whatsAppNumber, reversed);
    }

    private static bool Mentions(string text, params string[] conversations) => conversations.Any(c => text.Contains(c, StringComparison.Ordinal));

    private static bool Mentions(byte[] written, params string[] conversations) => Mentions(System.Text.Encoding.Latin1.GetString(written), conversations);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Read while Redis may still append, as a copy of a running host's disk is.
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var destination = File.Create(target);
            source.CopyTo(destination);
        }
        Directory.CreateDirectory(to);
    }
}
