using System.Text;
using System.Text.Json;
using Hotline.Screening;
using Hotline.Triage.Cli;

namespace Hotline.Triage.Tests.Cli;

public sealed class ScreeningCommandsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hotline-screen-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Handles_only_its_commands()
    {
        Assert.True(ScreeningCommands.Handles(["screen"]));
        Assert.True(ScreeningCommands.Handles(["evaluate", "--input", "x"]));
        Assert.False(ScreeningCommands.Handles([]));
        Assert.False(ScreeningCommands.Handles(["--urls", "http://x"]));
    }

    [Fact]
    public void A_phone_number_in_a_message_never_reaches_the_output_line()
    {
        const string text = "call me on +355 69 123 4567 he took my passport";
        using var output = new MemoryStream();
        ScreeningCommands.WriteResult(Screener.Default, JsonSerializer.Serialize(new { id = "p", text }), output);
        var line = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("\"id\":\"p\"", line);
        Assert.DoesNotContain("1234567", line);
        Assert.DoesNotContain("4567", line);
    }

    [Fact]
    public async Task Screen_writes_one_line_per_input_in_order_and_an_error_line_for_bad_input()
    {
        var input = Path.Combine(folder, "in.jsonl");
        var output = Path.Combine(folder, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"a","text":"burri po me rreh tani, ndihme"}""",
            """this is not json""",
            """{"id":"c"}""",
            """{"id":7,"text":"hello, is this service free?"}""",
            """{"id":"e","text":"më thirr në 0691234567, ma mori pasaportën"}""",
        ]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ScreeningCommands.RunAsync(["screen", "--input", input, "--output", output], stdout, stderr, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(5, lines.Length);
        using var a = JsonDocument.Parse(lines[0]);
        Assert.Equal("a", a.RootElement.GetProperty("id").GetString());
        Assert.Equal("sq", a.RootElement.GetProperty("language").GetString());
        Assert.Equal("critical", a.RootElement.GetProperty("severity").GetString());
        Assert.Equal(["domestic_violence"], a.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.False(a.RootElement.GetProperty("minor").GetBoolean());
        var indicator = a.RootElement.GetProperty("indicators").EnumerateArray().First();
        Assert.Equal("domestic_violence", indicator.GetProperty("category").GetString());
        var start = indicator.GetProperty("start").GetInt32();
        var length = indicator.GetProperty("length").GetInt32();
        Assert.Equal("burri po me rreh tani, ndihme".Substring(start, length), indicator.GetProperty("text").GetString());

        using var b = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, b.RootElement.GetProperty("id").ValueKind);
        Assert.False(string.IsNullOrEmpty(b.RootElement.GetProperty("error").GetString()));

        using var c = JsonDocument.Parse(lines[2]);
        Assert.Equal("c", c.RootElement.GetProperty("id").GetString());
        Assert.True(c.RootElement.TryGetProperty("error", out _));

        using var d = JsonDocument.Parse(lines[3]);
        Assert.Equal(7, d.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("low", d.RootElement.GetProperty("severity").GetString());
        Assert.Equal("en", d.RootElement.GetProperty("language").GetString());

        Assert.DoesNotContain("0691234567", lines[4]);
        Assert.DoesNotContain("1234567", lines[4]);
    }

    [Fact]
    public async Task Screen_without_output_is_a_usage_error()
    {
        var input = Path.Combine(folder, "in.jsonl");
        await File.WriteAllTextAsync(input, "{\"id\":\"a\",\"text\":\"hi\"}\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, await ScreeningCommands.RunAsync(["screen", "--input", input], stdout, stderr, CancellationToken.None));
        Assert.Contains("--output", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await ScreeningCommands.RunAsync(["screen", "--input", Path.Combine(folder, "missing.jsonl"), "--output", "x"], stdout, stderr, CancellationToken.None));
    }

    [Fact]
    public async Task Evaluate_prints_scores_confusion_and_errors_by_id()
    {
        var input = Path.Combine(folder, "labelled.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"x1","lang":"sq","text":"burri po me rreh tani","severity":"critical","categories":["domestic_violence"],"minor":false}""",
            """{"id":"x2","lang":"en","text":"thanks a lot","severity":"none","categories":[],"minor":false}""",
            """{"id":"x3","lang":"en","text":"thanks a lot","severity":"critical","categories":["self_harm"],"minor":true}""",
        ]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ScreeningCommands.RunAsync(["evaluate", "--input", input], stdout, stderr, CancellationToken.None);

        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.Contains("urgent recall", text, StringComparison.Ordinal);
        Assert.Contains("precision", text, StringComparison.Ordinal);
        Assert.Contains("self_harm", text, StringComparison.Ordinal);
        Assert.Contains("confusion", text, StringComparison.Ordinal);
        Assert.Contains("misses (1): x3 critical→none", text, StringComparison.Ordinal);
        Assert.DoesNotContain("thanks a lot", text, StringComparison.Ordinal);
        Assert.Equal(1, await ScreeningCommands.RunAsync(["evaluate", "--input", input, "--check"], stdout, stderr, CancellationToken.None));
    }

    [Fact]
    public async Task Screen_conversations_judges_each_message_in_the_light_of_the_earlier_ones()
    {
        var input = Path.Combine(folder, "conversations.jsonl");
        var output = Path.Combine(folder, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"conversation":"c1","id":"c1-1","text":"my husband beats me when he drinks"}""",
            """{"conversation":"c2","id":"c2-1","text":"hi"}""",
            """{"conversation":"c1","id":"c1-2","text":"he's back"}""",
            """{"conversation":"c2","id":"c2-2","text":"he's back"}""",
            """{"id":"x","text":"no conversation"}""",
        ]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ScreeningCommands.RunAsync(["screen", "--conversations", "--input", input, "--output", output], stdout, stderr, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.Equal("c1-2", lines[2].GetProperty("id").GetString());
        Assert.Equal("c1", lines[2].GetProperty("conversation").GetString());
        Assert.NotEqual("critical", lines[2].GetProperty("severity").GetString());
        Assert.Equal("critical", lines[2].GetProperty("conversationSeverity").GetString());
        Assert.Contains("domestic_violence", lines[2].GetProperty("conversationCategories").EnumerateArray().Select(c => c.GetString()));
        // the same words in a conversation that disclosed nothing stay below high
        Assert.Equal(lines[3].GetProperty("severity").GetString(), lines[3].GetProperty("conversationSeverity").GetString());
        Assert.Equal("x", lines[4].GetProperty("id").GetString());
        Assert.Equal("no conversation", lines[4].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Evaluate_conversations_scores_the_conversation_severity_and_the_context_raises_by_id()
    {
        var input = Path.Combine(folder, "labelled-conversations.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"conversation":"a","id":"a-1","lang":"en","text":"my husband beats me when he drinks","severity":"high","categories":["domestic_violence"],"minor":false,"conversationSeverity":"high"}""",
            """{"conversation":"a","id":"a-2","lang":"en","text":"he's back","severity":"none","categories":["domestic_violence"],"minor":false,"conversationSeverity":"critical"}""",
            """{"conversation":"b","id":"b-1","lang":"en","text":"thanks a lot","severity":"none","categories":[],"minor":false,"conversationSeverity":"none"}""",
            """{"conversation":"b","id":"b-2","lang":"en","text":"see you","severity":"none","categories":[],"minor":false,"conversationSeverity":"critical"}""",
        ]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ScreeningCommands.RunAsync(["evaluate", "--conversations", "--input", input], stdout, stderr, CancellationToken.None);

        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.Contains("conversations: 2", text, StringComparison.Ordinal);
        Assert.Contains("caught 1/2", text, StringComparison.Ordinal);
        Assert.Contains("context misses (1): b-2 critical→none", text, StringComparison.Ordinal);
        Assert.Contains("urgent recall", text, StringComparison.Ordinal);
        Assert.DoesNotContain("he's back", text, StringComparison.Ordinal);
        Assert.Equal(1, await ScreeningCommands.RunAsync(["evaluate", "--conversations", "--input", input, "--check"], stdout, stderr, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_and_help_is_not()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, await ScreeningCommands.RunAsync(["evaluate", "--input", "x.jsonl", "--colour"], stdout, stderr, CancellationToken.None));
        Assert.Contains("--colour", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await ScreeningCommands.RunAsync(["screen", "--help"], stdout, stderr, CancellationToken.None));
        Assert.Contains("--conversations", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_runs_as_a_process_without_redis()
    {
        var input = Path.Combine(folder, "in.jsonl");
        var output = Path.Combine(folder, "out.jsonl");
        await File.WriteAllTextAsync(input, "{\"id\":\"p\",\"text\":\"I took all the pills\"}\n");
        // The program as built in its own folder (with its own dependencies), not the copy beside the tests.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Hotline.Testing.RepoPaths.Combine("src", "Triage", "bin", configuration, "net10.0", "Hotline.Triage.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "screen", "--input", input, "--output", output }) info.ArgumentList.Add(arg);
        info.Environment.Remove("REDIS__CONNECTION");
        using var process = System.Diagnostics.Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        using var doc = JsonDocument.Parse((await File.ReadAllLinesAsync(output)).Single());
        Assert.Equal("critical", doc.RootElement.GetProperty("severity").GetString());
    }
}
