using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;
using System.Text.Json;
using Hotline.Core;
using Hotline.Screening;

namespace Hotline.Triage.Cli;

/// <summary>
/// <c>screen --input IN.jsonl --output OUT.jsonl [--conversations]</c>: one result line per input line, same order, a bad
/// line gets {"id","error"} and the run goes on; with --conversations the lines are {"conversation","id","text"} and each
/// result also carries the conversation's severity, categories and minor flag so far.
/// <c>evaluate --input LABELLED.jsonl [--output SCREENED.jsonl] [--check] [--explain] [--conversations]</c>: prints the
/// issue's targets, per-severity and per-category scores, the confusion matrix and errors by id (with --conversations,
/// of a labelled conversations file, in context). Neither needs Redis. Parsed by System.CommandLine; a usage error
/// exits with 2.
/// </summary>
public static class ScreeningCommands
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "screen" or "evaluate" or "train-opinion";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        await RunAsync(args, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="RunAsync(string[], CancellationToken)"/>, printing to the given writers (tests run it in-process).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!Handles(args)) return 2;
        var parsed = Commands().Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync(error.Message).ConfigureAwait(false);
            await stderr.WriteLineAsync($"see: {args[0]} --help").ConfigureAwait(false);
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand Commands()
    {
        var conversations = new Option<bool>("--conversations") { Description = "lines belong to conversations ({\"conversation\",\"id\",\"text\"}, in order): each message is judged in the light of the earlier ones" };
        var screenInput = Input();
        var screenOutput = new Option<FileInfo>("--output", "-o") { Description = "one result line per input line", Required = true, HelpName = "OUT.jsonl" };
        var screen = new Command("screen", "Screen a JSONL file of messages: lines {\"id\",\"text\"} → {\"id\",\"language\",\"severity\",\"categories\",\"minor\",\"indicators\":[{\"category\",\"text\",\"start\",\"length\"}]}")
        {
            screenInput, screenOutput, conversations,
        };
        screen.SetAction((parsed, cancellationToken) => ScreenAsync(parsed.GetRequiredValue(screenInput), parsed.GetRequiredValue(screenOutput),
            parsed.GetValue(conversations), parsed.InvocationConfiguration.Error, cancellationToken));

        var evaluateInput = Input();
        var evaluateOutput = new Option<FileInfo>("--output", "-o") { Description = "the screened lines, for looking at one by one", HelpName = "SCREENED.jsonl" };
        var check = new Option<bool>("--check") { Description = "exit 1 when a target is missed" };
        var explain = new Option<bool>("--explain") { Description = "print what matched in each wrongly screened message (repeats its text: development data only)" };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "without the learned second opinion (src/Screening/Data/opinion.bin): the rules alone, for comparison" };
        var opinionFile = new Option<FileInfo>("--opinion") { Description = "the rules with this learned opinion instead of the embedded one (a model written by train-opinion, e.g. trained without the set scored)", HelpName = "opinion.bin" }.AcceptExistingOnly();
        var evaluate = new Command("evaluate", "Score a labelled JSONL file (lines as screening-dev.jsonl, or screening-conversations-dev.jsonl with --conversations)")
        {
            evaluateInput, evaluateOutput, check, explain, conversations, rulesOnly, opinionFile,
        };
        evaluate.SetAction((parsed, cancellationToken) =>
        {
            var settings = new EvaluateSettings(parsed.GetRequiredValue(evaluateInput), parsed.GetValue(evaluateOutput), parsed.GetValue(check), parsed.GetValue(explain));
            var (stdout, stderr) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
            var screener = parsed.GetValue(rulesOnly) ? Screener.RulesOnly
                : parsed.GetValue(opinionFile) is { } model ? Screener.WithOpinion(model.FullName)
                : Screener.Default;
            return parsed.GetValue(conversations)
                ? EvaluateConversationsAsync(screener, settings, stdout, stderr, cancellationToken)
                : EvaluateAsync(screener, settings, stdout, stderr, cancellationToken);
        });

        var trainFiles = new Argument<FileInfo[]>("FILES") { Description = "labelled JSONL files (lines as screening-dev.jsonl); each file is held out once when thresholds are chosen", Arity = ArgumentArity.OneOrMore }.AcceptExistingOnly();
        var trainOutput = new Option<FileInfo>("--output", "-o") { Description = "where to write the model", Required = true, HelpName = "opinion.bin" };
        var keepHeads = new Option<FileInfo>("--keep-heads-of") { Description = "train the seven category heads only: the urgent, critical and minor heads (weights, thresholds, lowering, short-message slopes) are taken unchanged from this model", HelpName = "opinion.bin" }.AcceptExistingOnly();
        var train = new Command("train-opinion", "Train the learned second opinion from labelled files: dotnet run --project src/Triage -c Release -- train-opinion --output src/Screening/Data/opinion.bin tests/Hotline.Screening.Tests/Data/*.jsonl")
        {
            trainFiles, trainOutput, keepHeads,
        };
        train.SetAction((parsed, cancellationToken) => TrainOpinionAsync(parsed.GetRequiredValue(trainFiles), parsed.GetRequiredValue(trainOutput), parsed.GetValue(keepHeads),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return new RootCommand("Hotline screening: screen and evaluate JSONL files without Redis") { screen, evaluate, train };
    }

    private static Option<FileInfo> Input() =>
        new Option<FileInfo>("--input", "-i") { Description = "a JSONL file", Required = true, HelpName = "IN.jsonl" }.AcceptExistingOnly();

    private static async Task<int> TrainOpinionAsync(FileInfo[] files, FileInfo output, FileInfo? keepHeadsOf, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var labelled = new List<(string, LabelledMessage)>();
        foreach (var file in files.OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            foreach (var line in await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false))
            {
                // lines that are not labelled messages (a file's note, conversations without labels) are not training data
                // the file's full path: the trainer holds out each folder of files (one writer's sets) at a time
                if (line.Trim().Length > 0 && LabelledMessage.Parse(line, out _) is { } message) labelled.Add((file.FullName, message));
            }
        }
        if (labelled.Count == 0)
        {
            await stderr.WriteLineAsync("no labelled messages in the files given").ConfigureAwait(false);
            return 2;
        }
        var version = $"{Screener.RulesOnly.LexiconVersion}+{labelled.Count}";
        var report = OpinionTrainer.Train(labelled, version);
        var opinion = report.Opinion;
        if (keepHeadsOf is not null)
        {
            Opinion kept;
            await using (var source = File.OpenRead(keepHeadsOf.FullName)) kept = Opinion.Read(source);
            // the category heads of this training beside the severity and minor heads of the model given: "<categories' training>/<heads kept>"
            version = $"{version}/{kept.Version}";
            opinion = opinion.WithHeadsOf(kept, [Opinion.Urgent, Opinion.Critical, Opinion.MinorHead], version);
            await stdout.WriteLineAsync($"urgent, critical and minor heads taken unchanged from {kept.Version}; their lines below are this training's, not written").ConfigureAwait(false);
        }
        await using (var stream = File.Create(output.FullName)) opinion.Write(stream);
        await stdout.WriteLineAsync($"trained on {report.Messages} messages from {report.Files} files; thresholds on held-out folds:").ConfigureAwait(false);
        foreach (var line in report.Lines) await stdout.WriteLineAsync("  " + line).ConfigureAwait(false);
        await stdout.WriteLineAsync($"wrote {output.FullName} (version {version})").ConfigureAwait(false);
        return 0;
    }

    private sealed record EvaluateSettings(FileInfo Input, FileInfo? Output, bool Check, bool Explain);

    private static async Task<int> ScreenAsync(FileInfo input, FileInfo output, bool conversations, TextWriter stderr, CancellationToken cancellationToken)
    {
        var screener = Screener.Default;
        var (lines, errors) = conversations
            ? await ScreenConversationsFileAsync(screener, input.FullName, output.FullName, cancellationToken).ConfigureAwait(false)
            : await ScreenFileAsync(screener, input.FullName, output.FullName, cancellationToken).ConfigureAwait(false);
        await stderr.WriteLineAsync($"screened {lines} lines ({errors} errors) with lexicon {screener.LexiconVersion}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Screens a JSONL file line by line into another; returns how many lines and how many were errors.</summary>
    public static Task<(int Lines, int Errors)> ScreenFileAsync(Screener screener, string input, string output, CancellationToken cancellationToken) =>
        TransformLinesAsync(input, output, (line, buffer) => WriteResult(screener, line, buffer), cancellationToken);

    /// <summary>
    /// Screens a JSONL file of conversations' messages, in order: each line's own result plus its conversation's severity,
    /// categories and minor flag so far. Conversations may interleave; each keeps its own risk.
    /// </summary>
    public static Task<(int Lines, int Errors)> ScreenConversationsFileAsync(Screener screener, string input, string output, CancellationToken cancellationToken)
    {
        var risks = new Dictionary<string, ConversationRisk>(StringComparer.Ordinal);
        return TransformLinesAsync(input, output, (line, buffer) => WriteConversationResult(screener, risks, line, buffer), cancellationToken);
    }

    private static async Task<(int Lines, int Errors)> TransformLinesAsync(string input, string output, Func<string, Stream, bool> write, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        await using var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var buffer = new MemoryStream();
        int lines = 0, errors = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines++;
            buffer.SetLength(0);
            if (!write(line, buffer)) errors++;
            buffer.WriteByte((byte)'\n');
            await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        }
        return (lines, errors);
    }

    /// <summary>Writes one output line (without newline) for one input line; false if it was an error line.</summary>
    internal static bool WriteResult(Screener screener, string line, Stream destination) =>
        WriteResult(screener, line, destination, conversationRisks: null);

    /// <summary>As <see cref="WriteResult(Screener, string, Stream)"/> for a line of a conversation: folds it into the conversation's risk.</summary>
    internal static bool WriteConversationResult(Screener screener, Dictionary<string, ConversationRisk> risks, string line, Stream destination) =>
        WriteResult(screener, line, destination, risks);

    private static bool WriteResult(Screener screener, string line, Stream destination, Dictionary<string, ConversationRisk>? conversationRisks)
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
            string? conversation = null;
            if (conversationRisks is not null)
            {
                if (!root.TryGetProperty("conversation", out var conversationElement) || conversationElement.ValueKind != JsonValueKind.String
                    || conversationElement.GetString() is not { Length: > 0 } named)
                {
                    WriteError(writer, id, "no conversation");
                    return false;
                }
                conversation = named;
            }
            var result = screener.Screen(textElement.GetString()!);
            writer.WriteStartObject();
            if (conversation is not null) writer.WriteString("conversation", conversation);
            WriteId(writer, id);
            writer.WriteString("language", result.Language.ToWire());
            writer.WriteString("severity", result.Severity.ToWire());
            writer.WriteStartArray("categories");
            foreach (var c in result.Categories) writer.WriteStringValue(c);
            writer.WriteEndArray();
            writer.WriteBoolean("minor", result.Minor);
            WriteIndicators(writer, result, categories: true);
            // What else explains the result: immediacy cues and pleas, and entities (phone numbers masked).
            WriteIndicators(writer, result, categories: false);
            if (result.Immediacy != Immediacy.None) writer.WriteString("immediacy", result.Immediacy.ToString());
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
            if (conversation is not null && conversationRisks is not null)
            {
                var risk = conversationRisks.GetValueOrDefault(conversation, ConversationRisk.None).Add(result);
                conversationRisks[conversation] = risk;
                writer.WriteString("conversationSeverity", risk.Severity.ToWire());
                writer.WriteStartArray("conversationCategories");
                foreach (var c in risk.Categories) writer.WriteStringValue(c);
                writer.WriteEndArray();
                writer.WriteBoolean("conversationMinor", risk.Minor);
                writer.WriteBoolean("raisedByContext", risk.RaisedByContext);
            }
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

    /// <summary>The indicators of a category as "indicators" (each with its "category"), or the others as "cues" (each with its "kind").</summary>
    private static void WriteIndicators(Utf8JsonWriter writer, ScreeningResult result, bool categories)
    {
        writer.WriteStartArray(categories ? "indicators" : "cues");
        foreach (var i in result.Indicators)
        {
            if (IsCategory(i.Category) != categories) continue;
            writer.WriteStartObject();
            writer.WriteString(categories ? "category" : "kind", i.Category);
            writer.WriteString("text", i.Text);
            writer.WriteNumber("start", i.Start);
            writer.WriteNumber("length", i.Length);
            writer.WriteString("id", i.Id);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

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

    private static async Task<int> EvaluateAsync(Screener screener, EvaluateSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var messages = await ReadLabelledAsync(settings.Input, LabelledMessage.Parse, stderr, cancellationToken).ConfigureAwait(false);
        var report = EvaluationReport.Evaluate(messages, screener);
        await stdout.WriteAsync(report.Format()).ConfigureAwait(false);
        await stdout.WriteLineAsync($"lexicon {screener.LexiconVersion}").ConfigureAwait(false);
        if (settings.Explain)
        {
            // development aid: repeats the texts of the messages screened wrongly, with what matched
            var wrong = report.SeverityErrors.Concat(report.CategoryErrors).Concat(report.MinorErrors).Select(e => e.Split(' ')[0]).ToHashSet();
            await ExplainAsync(screener, messages.Where(m => wrong.Contains(m.Id)), stdout).ConfigureAwait(false);
        }
        if (settings.Output is { } output)
        {
            // the screened lines, for looking at one by one; no copy of the texts is written anywhere else
            await WriteLinesAsync(output, messages.Select(m => JsonSerializer.Serialize(new { id = m.Id, text = m.Text })),
                (line, buffer) => WriteResult(screener, line, buffer), cancellationToken).ConfigureAwait(false);
        }
        return settings.Check && !report.MeetsTargets ? 1 : 0;
    }

    private static async Task<int> EvaluateConversationsAsync(Screener screener, EvaluateSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var messages = await ReadLabelledAsync(settings.Input, LabelledConversationMessage.Parse, stderr, cancellationToken).ConfigureAwait(false);
        var report = ConversationEvaluationReport.Evaluate(messages, screener);
        await stdout.WriteAsync(report.Format()).ConfigureAwait(false);
        await stdout.WriteLineAsync($"lexicon {screener.LexiconVersion}").ConfigureAwait(false);
        if (settings.Explain)
        {
            var wrong = report.InContext.SeverityErrors.Concat(report.ContextMisses).Select(e => e.Split(' ')[0]).ToHashSet();
            await ExplainAsync(screener, messages.Where(m => wrong.Contains(m.Message.Id)).Select(m => m.Message), stdout).ConfigureAwait(false);
        }
        if (settings.Output is { } output)
        {
            var risks = new Dictionary<string, ConversationRisk>(StringComparer.Ordinal);
            await WriteLinesAsync(output, messages.Select(m => JsonSerializer.Serialize(new { conversation = m.Conversation, id = m.Message.Id, text = m.Message.Text })),
                (line, buffer) => WriteConversationResult(screener, risks, line, buffer), cancellationToken).ConfigureAwait(false);
        }
        return settings.Check && !report.InContext.MeetsTargets ? 1 : 0;
    }

    private delegate T? LineParser<T>(string line, out string? error);

    private static async Task<List<T>> ReadLabelledAsync<T>(FileInfo input, LineParser<T> parse, TextWriter stderr, CancellationToken cancellationToken)
        where T : class
    {
        var messages = new List<T>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(input.FullName, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            if (parse(line, out var error) is { } message) messages.Add(message);
            else await stderr.WriteLineAsync($"line {lineNumber} skipped: {error}").ConfigureAwait(false);
        }
        return messages;
    }

    private static async Task ExplainAsync(Screener screener, IEnumerable<LabelledMessage> messages, TextWriter stdout)
    {
        foreach (var m in messages)
        {
            await stdout.WriteLineAsync($"{m.Id} [{m.Severity.ToWire()} {string.Join(',', m.Categories)}{(m.Minor ? " minor" : "")}] {m.Text}").ConfigureAwait(false);
            await stdout.WriteAsync(screener.Explain(m.Text)).ConfigureAwait(false);
        }
    }

    private static async Task WriteLinesAsync(FileInfo output, IEnumerable<string> lines, Func<string, Stream, bool> write, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var buffer = new MemoryStream();
        foreach (var line in lines)
        {
            buffer.SetLength(0);
            write(line, buffer);
            buffer.WriteByte((byte)'\n');
            await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        }
    }
}
