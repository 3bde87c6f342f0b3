using System.Globalization;
using System.Text;
using Hotline.Core;

namespace Hotline.Screening;

/// <summary>How screening did on a labelled set: the issue's targets, per-severity and per-category scores, errors by id.</summary>
public sealed class EvaluationReport
{
    public required int Count { get; init; }
    public required int[,] Confusion { get; init; }
    public required IReadOnlyDictionary<Severity, Score> Severities { get; init; }
    public required IReadOnlyDictionary<string, Score> CategoryScores { get; init; }
    public required double UrgentRecall { get; init; }
    public required double CriticalRecall { get; init; }
    public required double FalseAlarmRate { get; init; }
    public required double CategoryMacroF1 { get; init; }
    public required Score Minors { get; init; }
    public required double LanguageAccuracy { get; init; }
    public required double SeverityAccuracy { get; init; }
    /// <summary>Labelled none/low, screened high/critical.</summary>
    public required IReadOnlyList<string> FalseAlarms { get; init; }
    /// <summary>Labelled high/critical, screened below high.</summary>
    public required IReadOnlyList<string> Misses { get; init; }
    /// <summary>Labelled critical, screened high.</summary>
    public required IReadOnlyList<string> CriticalMisses { get; init; }
    /// <summary>Category errors: id, missing (-) and extra (+) categories.</summary>
    public required IReadOnlyList<string> CategoryErrors { get; init; }
    public required IReadOnlyList<string> MinorErrors { get; init; }
    public required IReadOnlyList<string> SeverityErrors { get; init; }

    public const double UrgentRecallTarget = 0.97;
    public const double CriticalRecallTarget = 0.85;
    public const double FalseAlarmTarget = 0.05;
    public const double MacroF1Target = 0.85;
    public const double MinorRecallTarget = 0.90;

    public bool MeetsTargets =>
        UrgentRecall >= UrgentRecallTarget && CriticalRecall >= CriticalRecallTarget && FalseAlarmRate <= FalseAlarmTarget
        && CategoryMacroF1 >= MacroF1Target && Minors.Recall >= MinorRecallTarget;

    public static EvaluationReport Evaluate(IEnumerable<LabelledMessage> messages, Screener screener)
    {
        ArgumentNullException.ThrowIfNull(screener);
        return Evaluate(messages.Select(m => (m, screener.Screen(m.Text))));
    }

    /// <summary>Scores results already computed (a conversation's screening scores each message in the light of the earlier ones).</summary>
    public static EvaluationReport Evaluate(IEnumerable<(LabelledMessage Message, ScreeningResult Result)> screened)
    {
        var confusion = new int[5, 5];
        var categoryCounts = Categories.Names.ToDictionary(c => c, _ => (tp: 0, fp: 0, fn: 0));
        int urgent = 0, urgentHit = 0, critical = 0, criticalHit = 0, calm = 0, calmAlarm = 0;
        int minorTp = 0, minorFp = 0, minorFn = 0, languageTotal = 0, languageHit = 0, count = 0, exact = 0;
        var falseAlarms = new List<string>();
        var misses = new List<string>();
        var criticalMisses = new List<string>();
        var categoryErrors = new List<string>();
        var minorErrors = new List<string>();
        var severityErrors = new List<string>();
        foreach (var (message, result) in screened)
        {
            count++;
            var expected = message.Severity;
            var got = result.Severity;
            confusion[(int)expected, (int)got]++;
            if (expected == got) exact++;
            else severityErrors.Add($"{message.Id} {expected.ToWire()}→{got.ToWire()}");
            if (expected >= Severity.High)
            {
                urgent++;
                if (got >= Severity.High) urgentHit++;
                else misses.Add($"{message.Id} {expected.ToWire()}→{got.ToWire()}");
            }
            if (expected == Severity.Critical)
            {
                critical++;
                if (got == Severity.Critical) criticalHit++;
                else if (got == Severity.High) criticalMisses.Add(message.Id);
            }
            if (expected <= Severity.Low)
            {
                calm++;
                if (got >= Severity.High)
                {
                    calmAlarm++;
                    falseAlarms.Add($"{message.Id} {expected.ToWire()}→{got.ToWire()}");
                }
            }
            var missing = message.Categories.Except(result.Categories).ToList();
            var extra = result.Categories.Except(message.Categories).ToList();
            foreach (var c in Categories.Names)
            {
                var want = message.Categories.Contains(c);
                var have = result.Categories.Contains(c);
                var (tp, fp, fn) = categoryCounts[c];
                categoryCounts[c] = (tp + (want && have ? 1 : 0), fp + (!want && have ? 1 : 0), fn + (want && !have ? 1 : 0));
            }
            if (missing.Count + extra.Count > 0)
            {
                categoryErrors.Add($"{message.Id} {string.Join(' ', missing.Select(m => "-" + m).Concat(extra.Select(e => "+" + e)))}");
            }
            if (message.Minor && result.Minor) minorTp++;
            else if (!message.Minor && result.Minor) { minorFp++; minorErrors.Add($"{message.Id} +minor"); }
            else if (message.Minor && !result.Minor) { minorFn++; minorErrors.Add($"{message.Id} -minor"); }
            if (message.Language is { } language)
            {
                languageTotal++;
                if (language == result.Language) languageHit++;
            }
        }
        var scores = categoryCounts.ToDictionary(kv => kv.Key, kv => new Score(kv.Value.tp, kv.Value.fp, kv.Value.fn));
        var severities = new Dictionary<Severity, Score>();
        for (var s = 0; s < 5; s++)
        {
            int tp = confusion[s, s], fp = 0, fn = 0;
            for (var o = 0; o < 5; o++)
            {
                if (o == s) continue;
                fp += confusion[o, s];
                fn += confusion[s, o];
            }
            severities[(Severity)s] = new Score(tp, fp, fn);
        }
        return new EvaluationReport
        {
            Count = count,
            Confusion = confusion,
            Severities = severities,
            CategoryScores = scores,
            UrgentRecall = urgent == 0 ? 1 : (double)urgentHit / urgent,
            CriticalRecall = critical == 0 ? 1 : (double)criticalHit / critical,
            FalseAlarmRate = calm == 0 ? 0 : (double)calmAlarm / calm,
            CategoryMacroF1 = scores.Values.Average(s => s.F1),
            Minors = new Score(minorTp, minorFp, minorFn),
            LanguageAccuracy = languageTotal == 0 ? 1 : (double)languageHit / languageTotal,
            SeverityAccuracy = count == 0 ? 1 : (double)exact / count,
            FalseAlarms = falseAlarms,
            Misses = misses,
            CriticalMisses = criticalMisses,
            CategoryErrors = categoryErrors,
            MinorErrors = minorErrors,
            SeverityErrors = severityErrors,
        };
    }

    /// <summary>The report as text: targets first, then scores, the confusion matrix and errors by id (never message text).</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        string Mark(bool ok) => ok ? "ok " : "MISS";
        b.AppendLine(c, $"messages: {Count}");
        b.AppendLine("targets:");
        b.AppendLine(c, $"  [{Mark(UrgentRecall >= UrgentRecallTarget)}] urgent recall (high/critical → high/critical) {UrgentRecall:0.000}  (≥ {UrgentRecallTarget:0.00})");
        b.AppendLine(c, $"  [{Mark(CriticalRecall >= CriticalRecallTarget)}] critical → critical                          {CriticalRecall:0.000}  (≥ {CriticalRecallTarget:0.00})");
        b.AppendLine(c, $"  [{Mark(FalseAlarmRate <= FalseAlarmTarget)}] false alarms (none/low → high/critical)     {FalseAlarmRate:0.000}  (≤ {FalseAlarmTarget:0.00})");
        b.AppendLine(c, $"  [{Mark(CategoryMacroF1 >= MacroF1Target)}] category macro-F1                           {CategoryMacroF1:0.000}  (≥ {MacroF1Target:0.00})");
        b.AppendLine(c, $"  [{Mark(Minors.Recall >= MinorRecallTarget)}] minors recognised (recall)                  {Minors.Recall:0.000}  (≥ {MinorRecallTarget:0.00}; precision {Minors.Precision:0.000})");
        b.AppendLine(c, $"severity exact accuracy {SeverityAccuracy:0.000}; language accuracy {LanguageAccuracy:0.000}");
        b.AppendLine();
        b.AppendLine("severity      precision  recall   F1     support");
        foreach (var (s, score) in Severities.OrderBy(kv => kv.Key))
        {
            b.AppendLine(c, $"  {s.ToWire(),-10}  {score.Precision,7:0.000}  {score.Recall,7:0.000}  {score.F1,6:0.000}  {score.Support,5}");
        }
        b.AppendLine();
        b.AppendLine("category            precision  recall   F1     support");
        foreach (var name in Categories.Names)
        {
            var score = CategoryScores[name];
            b.AppendLine(c, $"  {name,-18}  {score.Precision,7:0.000}  {score.Recall,7:0.000}  {score.F1,6:0.000}  {score.Support,5}");
        }
        b.AppendLine(c, $"  {"macro",-18}  {CategoryScores.Values.Average(s => s.Precision),7:0.000}  {CategoryScores.Values.Average(s => s.Recall),7:0.000}  {CategoryMacroF1,6:0.000}");
        b.AppendLine();
        b.AppendLine("confusion (rows labelled, columns screened)");
        b.Append("              ");
        for (var s = 0; s < 5; s++) b.Append(c, $"{((Severity)s).ToWire(),9}");
        b.AppendLine();
        for (var r = 0; r < 5; r++)
        {
            b.Append(c, $"  {((Severity)r).ToWire(),-10}  ");
            for (var s = 0; s < 5; s++) b.Append(c, $"{Confusion[r, s],9}");
            b.AppendLine();
        }
        b.AppendLine();
        b.AppendLine(c, $"false alarms ({FalseAlarms.Count}): {string.Join(", ", FalseAlarms)}");
        b.AppendLine(c, $"misses ({Misses.Count}): {string.Join(", ", Misses)}");
        b.AppendLine(c, $"critical screened high ({CriticalMisses.Count}): {string.Join(", ", CriticalMisses)}");
        b.AppendLine(c, $"other severity differences ({SeverityErrors.Count}): {string.Join(", ", SeverityErrors)}");
        b.AppendLine(c, $"category errors ({CategoryErrors.Count}): {string.Join("; ", CategoryErrors)}");
        b.AppendLine(c, $"minor errors ({MinorErrors.Count}): {string.Join(", ", MinorErrors)}");
        return b.ToString();
    }
}
