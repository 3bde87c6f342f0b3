using System.Text;
using System.Text.Json;
using Hotline.Core;
using Hotline.Screening;

namespace Hotline.Triage.Cli;

/// <summary>
/// <c>screen --input IN.jsonl --output OUT.jsonl</c>: one result line per input line, same order, a bad line gets
/// {"id","error"} and the run goes on. <c>evaluate --input LABELLED.jsonl [--output SCREENED.jsonl] [--check]</c>:
/// prints the issue's targets, per-severity and per-category scores, the confusion matrix and errors by id.
/// Neither needs Redis.
/// </summary>
public static class ScreeningCommands
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "screen" or "evaluate";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        await RunAsync(args, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="RunAsync(string[], CancellationToken)"/>, printing to the given writers (tests run it in-process).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Handles(args)) return 2;
        if (!TryParse(args.AsSpan(1), out var options, out var problem))
        {
            await stderr.WriteLineAsync(problem).ConfigureAwait(false);
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        if (options.ContainsKey("help"))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }
        if (!options.TryGetValue("input", out var input))
        {
            await stderr.WriteLineAsync("--input is required").ConfigureAwait(false);
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        if (!File.Exists(input))
        {
            await stderr.WriteLineAsync($"input file not found: {input}").ConfigureAwait(false);
            return 2;
        }
        var screener = Screener.Default;
        if (args[0] == "screen")
        {
            if (!options.TryGetValue("output", out var output))
            {
                await stderr.WriteLineAsync("--output is required").ConfigureAwait(false);
                await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
            }
            var (lines, errors) = await ScreenFileAsync(screener, input, output, cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync($"screened {lines} lines ({errors} errors) with lexicon {screener.LexiconVersion}").ConfigureAwait(false);
            return 0;
        }
        return await EvaluateAsync(screener, input, options, stdout, stderr, cancellationToken).ConfigureAwait(false);
    }

    private const string Usage =
        "usage: screen --input IN.jsonl --output OUT.jsonl\n" +
        "       evaluate --input LABELLED.jsonl [--output SCREENED.jsonl] [--check] [--explain]\n" +
        "  screen:   lines {\"id\",\"text\"} → {\"id\",\"language\",\"severity\",\"categories\",\"minor\",\"indicators\":[{\"category\",\"text\",\"start\",\"length\"}]}\n" +
        "  evaluate: lines as screening-dev.jsonl; --check exits 1 when a target is missed; --explain prints what matched\n" +
        "            in each wrongly screened message (repeats its text: development data only)";

    private static bool TryParse(ReadOnlySpan<string> args, out Dictionary<string, string> options, out string problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help") { options["help"] = ""; continue; }
            if (arg == "--check") { options["check"] = ""; continue; }
            if (arg == "--explain") { options["explain"] = ""; continue; }
            if (arg is "--input" or "-i" or "--output" or "-o")
            {
                if (i + 1 >= args.Length) { problem = $"{arg} needs a file"; return false; }
                options[arg.TrimStart('-') switch { "i" => "input", "o" => "output", var name => name }] = args[++i];
                continue;
            }
            if (arg.StartsWith("--input=", StringComparison.Ordinal)) { options["input"] = arg["--input=".Length..]; continue; }
            if (arg.StartsWith("--output=", StringComparison.Ordinal)) { options["output"] = arg["--output=".Length..]; continue; }
            problem = $"unknown argument: {arg}";
            return false;
        }
        return true;
    }

    /// <summary>Screens a JSONL file line by line into another; returns how many lines and how many were errors.</summary>
    public static async Task<(int Lines, int Errors)> ScreenFileAsync(Screener screener, string input, string output, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        await using var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var buffer = new MemoryStream();
        int lines = 0, errors = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines++;
            buffer.SetLength(0);
            if (!WriteResult(screener, line, buffer)) errors++;
            buffer.WriteByte((byte)'\n');
            await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        }
        return (lines, errors);
    }

    /// <summary>Writes one output line (without newline) for one input line; false if it was an error line.</summary>
    internal static bool WriteResult(Screener screener, string line, Stream destination)
    {
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        JsonDocument? doc = null;
        try
        {
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                WriteError(writer, default, line.Trim().Length == 0 ? "empty line" : "not valid JSON");
                return false;
            }
            var root = doc.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement) ? idElement : default;
            if (root.ValueKind != JsonValueKind.Object)
            {
                WriteError(writer, default, "not a JSON object");
                return false;
            }
            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                WriteError(writer, id, "no text");
                return false;
            }
            var result = screener.Screen(textElement.GetString()!);
            writer.WriteStartObject();
            WriteId(writer, id);
            writer.WriteString("language", result.Language.ToWire());
            writer.WriteString("severity", result.Severity.ToWire());
            writer.WriteStartArray("categories");
            foreach (var c in result.Categories) writer.WriteStringValue(c);
            writer.WriteEndArray();
            writer.WriteBoolean("minor", result.Minor);
            writer.WriteStartArray("indicators");
            foreach (var i in result.Indicators)
            {
                if (!IsCategory(i.Category)) continue;
                writer.WriteStartObject();
                writer.WriteString("category", i.Category);
                writer.WriteString("text", i.Text);
                writer.WriteNumber("start", i.Start);
                writer.WriteNumber("length", i.Length);
                writer.WriteString("id", i.Id);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            // What else explains the result: immediacy cues and pleas, and entities (phone numbers masked).
            writer.WriteStartArray("cues");
            foreach (var i in result.Indicators)
            {
                if (IsCategory(i.Category)) continue;
                writer.WriteStartObject();
                writer.WriteString("kind", i.Category);
                writer.WriteString("text", i.Text);
                writer.WriteNumber("start", i.Start);
                writer.WriteNumber("length", i.Length);
                writer.WriteString("id", i.Id);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            if (result.Age is { } age) writer.WriteNumber("age", age);
            writer.WriteStartArray("entities");
            foreach (var e in result.Entities)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                writer.WriteString("value", e.Value);
                writer.WriteNumber("start", e.Start);
                writer.WriteNumber("length", e.Length);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            return true;
        }
        finally
        {
            writer.Flush();
            doc?.Dispose();
        }
    }

    private static bool IsCategory(string category) => Array.IndexOf(Screening.Categories.Names, category) >= 0;

    private static void WriteError(Utf8JsonWriter writer, JsonElement id, string error)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WritePropertyName("id");
        if (id.ValueKind is JsonValueKind.String or JsonValueKind.Number) id.WriteTo(writer);
        else writer.WriteNullValue();
    }

    private static async Task<int> EvaluateAsync(Screener screener, string input, Dictionary<string, string> options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var messages = new List<LabelledMessage>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(input, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            if (LabelledMessage.Parse(line, out var error) is { } message) messages.Add(message);
            else await stderr.WriteLineAsync($"line {lineNumber} skipped: {error}").ConfigureAwait(false);
        }
        var report = EvaluationReport.Evaluate(messages, screener);
        await stdout.WriteAsync(report.Format()).ConfigureAwait(false);
        await stdout.WriteLineAsync($"lexicon {screener.LexiconVersion}").ConfigureAwait(false);
        if (options.ContainsKey("explain"))
        {
            // development aid: repeats the texts of the messages screened wrongly, with what matched
            var wrong = report.SeverityErrors.Concat(report.CategoryErrors).Concat(report.MinorErrors).Select(e => e.Split(' ')[0]).ToHashSet();
            foreach (var m in messages.Where(m => wrong.Contains(m.Id)))
            {
                await stdout.WriteLineAsync($"{m.Id} [{m.Severity.ToWire()} {string.Join(',', m.Categories)}{(m.Minor ? " minor" : "")}] {m.Text}").ConfigureAwait(false);
                await stdout.WriteAsync(screener.Explain(m.Text)).ConfigureAwait(false);
            }
        }
        if (options.TryGetValue("output", out var output))
        {
            // the screened lines, for looking at one by one; no copy of the texts is written anywhere else
            await using var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            using var buffer = new MemoryStream();
            foreach (var m in messages)
            {
                buffer.SetLength(0);
                WriteResult(screener, JsonSerializer.Serialize(new { id = m.Id, text = m.Text }), buffer);
                buffer.WriteByte((byte)'\n');
                await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
            }
        }
        return options.ContainsKey("check") && !report.MeetsTargets ? 1 : 0;
    }
}
