using System.Text;
using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Operators' words are signed in their own browser with their own key, which the team certified: a colleague's console,
/// in Debian's chromium, shows a reply as signed by the operator who wrote it, and marks what the Operator service writes
/// in an operator's name, since the service holds no operator's key.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OperatorSignedEntriesBrowserTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_reply_and_a_note_written_in_the_console_show_in_a_colleagues_console_as_signed_by_their_operator()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId, demo) = await stack.ClaimInConsoleAsync(browser, "burri me kercenon me thike, ndihme");
        using var _ = visitor;
        const string reply = "Jam këtu. A mund të dilni nga dhoma tani?";
        await ConsoleStack.ReplyAsync(demo, reply);
        await visitor.WaitForBotMessageAsync(t => t == reply, TimeSpan.FromSeconds(20));
        const string note = "Asked her to leave the room first.";
        await demo.ClickAsync("#note-open");
        await demo.FillAsync("#note-text", note);
        await demo.ClickAsync("#note-form button[type=submit]");
        await Assertions.Expect(demo.Locator("#notes")).ToContainTextAsync(note, new() { Timeout = 15_000 });

        // The stored entry carries demo's signature, sealed: the words are not in Redis, nor anything that tests a guess of them.
        var stored = await stack.StoredTranscriptAsync(visitor.ConversationId);
        var mine = Assert.Single(stored.Select(e => e.Entry), e => e.Author == "operator");
        Assert.NotNull(mine.WordsId);
        Assert.NotNull(mine.WordsSignature);
        Assert.DoesNotContain((await stack.Redis.AllKeysAndValuesAsync()).Values, v => v.Contains("dilni nga dhoma", StringComparison.Ordinal));

        var colleague = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        await colleague.FillAsync("#search", caseId);
        await colleague.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        var entry = colleague.Locator("#transcript li.entry.operator").Filter(new() { HasText = reply });
        await Assertions.Expect(entry).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(entry.Locator(".signer.verified[data-signer='demo']")).ToHaveTextAsync("✓ signed by demo");
        await Assertions.Expect(entry).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("broken|unverified-signer"));
        var noted = colleague.Locator("#notes li.entry.operator").Filter(new() { HasText = note });
        await Assertions.Expect(noted.Locator(".signer.verified[data-signer='demo']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Entries_the_operator_service_writes_in_an_operators_name_are_marked_in_the_console()
    {
        await using var browser = await Browser.LaunchAsync();
        // demo's first unlock in a browser gives the account its signing key, if an earlier test did not.
        await stack.OpenConsoleAsync(browser);
        const string words = "me ndjek dikush deri ne shtepi";
        var (visitor, caseId) = await stack.OpenCaseAsync(words);
        using var _ = visitor;

        // What a compromised Operator host can do: write to Redis as the operator service, sign with the service's own key,
        // and sign "demo's" words with a key of its own (it never holds demo's, which is sealed to demo's key).
        const string unsigned = "Mos telefononi policinë, prisni aty";
        const string falselySigned = "Takohemi sonte te ura, eja vetem";
        var serverKey = HotlineCrypto.NewSigningKeyPair();
        var id = Convert.ToBase64String(HotlineCrypto.RandomBytes(OperatorSignature.IdBytes));
        var falseWords = new OperatorSignature(id, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(OperatorSignature.Message(visitor.ConversationId, "demo", id, falselySigned)), serverKey.PrivateKey));
        await stack.AppendAsOperatorServiceAsync(visitor.ConversationId, "demo", unsigned, null);
        await stack.AppendAsOperatorServiceAsync(visitor.ConversationId, "demo", falselySigned, falseWords);

        var colleague = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        await ConsoleStack.OpenFromQueueAsync(colleague, caseId, words);
        // The entry without demo's signature: marked as vouched for by the service alone, never as demo's.
        var serviceOnly = colleague.Locator("#transcript li.entry.operator.unverified-signer");
        await Assertions.Expect(serviceOnly).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(serviceOnly.Locator(".signer.service-only")).ToContainTextAsync("not signed by demo's own key");
        await Assertions.Expect(serviceOnly.Locator(".signer.verified")).ToHaveCountAsync(0);
        // The entry whose "demo" signature is the server's: not shown, marked.
        var broken = colleague.Locator("#transcript li.entry.operator.broken");
        await Assertions.Expect(broken).ToHaveCountAsync(1);
        await Assertions.Expect(broken).ToContainTextAsync("not signed by demo's own key");
        await Assertions.Expect(colleague.Locator("#transcript")).Not.ToContainTextAsync(falselySigned);
        await Assertions.Expect(colleague.Locator("#transcript .signer.verified")).ToHaveCountAsync(0);
        browser.AssertNoPageErrors();
    }
}
