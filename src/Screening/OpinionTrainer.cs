using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// Trains the learned second opinion (<see cref="Opinion"/>) from labelled JSONL files: logistic regression by
/// stochastic gradient descent, one head per target (urgent, critical, each category, minor), deterministic (a fixed
/// seed). Each head's threshold is chosen on held-out folds (each folder of files held out once when the files come from
/// five folders or more — a folder is one writer's sets —, else the files grouped into five folds) so that
/// what the opinion says of messages it has not seen stays within the budgets below; then the heads are trained again
/// on everything.
/// </summary>
internal static class OpinionTrainer
{
    /// <summary>Of the messages labelled none or low, at most this share may be called urgent on held-out folds.</summary>
    public const double FalseRaiseBudget = 0.03;
    /// <summary>Of the messages that are not critical, at most this share may be called critical on held-out folds.</summary>
    public const double OverRaiseBudget = 0.05;
    /// <summary>A category or minor the opinion calls must be right this often on held-out folds.</summary>
    public const double AddPrecision = 0.8;

    /// <summary>
    /// Of the urgent messages, at most this share may score below the threshold that lowers the rules' high, on held-out
    /// folds. 2 %, not 0.5 %: held out by writer it took false alarms from 0.055 to 0.039 for urgent recall 0.886 → 0.884
    /// (README-screening.md); what is lowered is medium, still a case a human reads.
    /// </summary>
    public const double LowerMissBudget = 0.02;

    /// <summary>
    /// Of the messages the urgent (critical) head rightly raises on held-out folds at its threshold, and of the categories a
    /// category head rightly adds there beside the rules' medium or above, at most this share may be lost to the
    /// short-message slope (<see cref="Opinion.ShortSlope"/>): the steepest slope within it is kept.
    /// </summary>
    public const double ShortMissBudget = 0.02;

    private const int Epochs = 12;
    private const int Folds = 5;
    private const float LearningRate = 0.15f;
    private const float L2 = 2e-5f;

    private sealed record Example(int[] Buckets, float[] Targets, int Fold, ScreeningResult Rules, int Tokens);

    public sealed record Report(Opinion Opinion, int Messages, int Files, IReadOnlyList<string> Lines);

    public static Report Train(IReadOnlyList<(string File, LabelledMessage Message)> labelled, string version)
    {
        var lexicon = Lexicon.Embedded;
        var rules = new Screener(lexicon);
        var files = labelled.Select(l => l.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Held out by folder when the files come from enough folders (one writer's sets to a folder): a threshold chosen
        // on held-out files of a writer it trained on promises fewer false raises than a new writer gets. Else by file.
        var groups = files.Select(Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byGroup = groups.Count >= Folds;
        var folds = byGroup ? groups.Count : Folds;
        var examples = new List<Example>(labelled.Count);
        var s = new Scratch();
        foreach (var (file, message) in labelled)
        {
            Tokenizer.Tokenize(message.Text, s, lexicon.Rewrites);
            rules.Lookup(s);
            Opinion.Features(s);
            var targets = new float[Opinion.Heads];
            targets[Opinion.Urgent] = message.Severity >= Severity.High ? 1 : 0;
            targets[Opinion.Critical] = message.Severity == Severity.Critical ? 1 : 0;
            for (var k = 0; k < Categories.Names.Length; k++) targets[Opinion.FirstCategory + k] = message.Categories.Contains(Categories.Names[k]) ? 1 : 0;
            targets[Opinion.MinorHead] = message.Minor ? 1 : 0;
            var fold = byGroup ? groups.IndexOf(Group(file)) : files.IndexOf(file) % Folds;
            examples.Add(new Example(s.FeatureBuckets[..s.FeatureCount], targets, fold, rules.Screen(message.Text), s.Count));
        }
        // the buckets some message has, numbered densely: the training table is that wide, not 2^17 buckets
        var dense = new Dictionary<int, int>();
        foreach (var e in examples)
        {
            for (var k = 0; k < e.Buckets.Length; k++)
            {
                if (!dense.TryGetValue(e.Buckets[k], out var index)) dense.Add(e.Buckets[k], index = dense.Count);
                e.Buckets[k] = index;
            }
        }

        // held-out scores: each example scored by heads trained without its file's fold
        var heldOut = new float[examples.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var (w, b) = Fit(examples.Where(e => e.Fold != fold).ToList(), dense.Count);
            for (var i = 0; i < examples.Count; i++)
            {
                if (examples[i].Fold == fold) heldOut[i] = Scores(w, b, examples[i].Buckets);
            }
        }
        var lines = new List<string> { byGroup ? $"held out: each of {groups.Count} folders of files in turn" : $"held out: {Folds} folds of files" };
        var thresholds = ChooseThresholds(examples, heldOut, lines);
        var lowerBelow = ChooseLowering(examples, heldOut, lines);
        var shortSlope = ChooseShortSlopes(examples, heldOut, thresholds, lines);
        var (fitted, bias) = Fit(examples, dense.Count);
        var weights = new float[Opinion.Size * Opinion.Heads];
        foreach (var (bucket, index) in dense) Array.Copy(fitted, index * Opinion.Heads, weights, bucket * Opinion.Heads, Opinion.Heads);
        return new Report(new Opinion(weights, bias, thresholds, lowerBelow, shortSlope, version), examples.Count, files.Count, lines);
    }

    private static float[] ChooseThresholds(List<Example> examples, float[][] heldOut, List<string> lines)
    {
        // The rules were written on these very files, so they would hide how often the opinion is wrong on new wording:
        // thresholds are chosen on the opinion's own held-out scores over every message.
        var thresholds = new float[Opinion.Heads];
        var all = Enumerable.Range(0, examples.Count).ToList();
        var benign = all.Where(i => Label(examples[i]) <= Severity.Low).ToList();
        thresholds[Opinion.Urgent] = Lowest(all.Select(i => heldOut[i][Opinion.Urgent]),
            t => benign.Count(i => heldOut[i][Opinion.Urgent] >= t) <= FalseRaiseBudget * benign.Count);
        var urgent = all.Where(i => examples[i].Targets[Opinion.Urgent] == 1).ToList();
        lines.Add($"urgent: threshold {thresholds[Opinion.Urgent]:0.00}; held out, the opinion alone finds {urgent.Count(i => heldOut[i][Opinion.Urgent] >= thresholds[Opinion.Urgent])} of {urgent.Count} urgent messages "
            + $"and calls {benign.Count(i => heldOut[i][Opinion.Urgent] >= thresholds[Opinion.Urgent])} of {benign.Count} none/low messages urgent; "
            + $"with the rules it raises {urgent.Count(i => examples[i].Rules.Severity < Severity.High && heldOut[i][Opinion.Urgent] >= thresholds[Opinion.Urgent])} urgent messages they screened lower");

        var notCritical = all.Where(i => examples[i].Targets[Opinion.Critical] == 0).ToList();
        thresholds[Opinion.Critical] = Lowest(all.Select(i => heldOut[i][Opinion.Critical]),
            t => notCritical.Count(i => heldOut[i][Opinion.Critical] >= t) <= OverRaiseBudget * notCritical.Count);
        var critical = all.Where(i => examples[i].Targets[Opinion.Critical] == 1).ToList();
        lines.Add($"critical: threshold {thresholds[Opinion.Critical]:0.00}; held out, finds {critical.Count(i => heldOut[i][Opinion.Critical] >= thresholds[Opinion.Critical])} of {critical.Count} critical messages, "
            + $"calls {notCritical.Count(i => heldOut[i][Opinion.Critical] >= thresholds[Opinion.Critical])} of {notCritical.Count} others critical");

        for (var h = Opinion.FirstCategory; h < Opinion.Heads; h++)
        {
            var head = h;
            var sorted = all.OrderByDescending(i => heldOut[i][head]).ToList();
            var best = float.PositiveInfinity;
            var right = 0;
            for (var k = 0; k < sorted.Count; k++)
            {
                if (examples[sorted[k]].Targets[head] == 1) right++;
                if (k + 1 >= 5 && right >= AddPrecision * (k + 1)) best = heldOut[sorted[k]][head];
            }
            thresholds[head] = MathF.Max(best, 0f);
            var kept = all.Where(i => heldOut[i][head] >= thresholds[head]).ToList();
            var name = head == Opinion.MinorHead ? "minor" : Categories.Names[head - Opinion.FirstCategory];
            lines.Add($"{name}: threshold {thresholds[head]:0.00}; held out, {kept.Count(i => examples[i].Targets[head] == 1)} right and {kept.Count(i => examples[i].Targets[head] == 0)} wrong "
                + $"of {all.Count(i => examples[i].Targets[head] == 1)}");
        }
        return thresholds;
    }

    /// <summary>The urgent score under which the opinion doubts the rules' high: below all but <see cref="LowerMissBudget"/> of the urgent messages.</summary>
    private static float ChooseLowering(List<Example> examples, float[][] heldOut, List<string> lines)
    {
        var urgent = Enumerable.Range(0, examples.Count).Where(i => examples[i].Targets[Opinion.Urgent] == 1).Select(i => heldOut[i][Opinion.Urgent]).Order().ToList();
        var allowed = (int)Math.Floor(LowerMissBudget * urgent.Count);
        var lowerBelow = urgent.Count == 0 ? float.NegativeInfinity : urgent[allowed];
        var benign = Enumerable.Range(0, examples.Count).Where(i => Label(examples[i]) <= Severity.Low).ToList();
        lines.Add($"lowering: the rules' high becomes medium under an urgent score of {lowerBelow:0.00}; held out, {urgent.Count(u => u < lowerBelow)} of {urgent.Count} urgent messages "
            + $"and {benign.Count(i => heldOut[i][Opinion.Urgent] < lowerBelow)} of {benign.Count} none/low messages score under it");
        return lowerBelow;
    }

    /// <summary>
    /// For the urgent and the critical head, the steepest slope (in steps of <see cref="SlopeStep"/>) by which the raise
    /// threshold may grow for each word a message is short of <see cref="Opinion.ShortBelow"/>, such that held out at most
    /// <see cref="ShortMissBudget"/> of the messages the head rightly raised at its threshold (the rules below its level)
    /// are no longer raised. For each category head the same, over the categories it rightly adds held out where the rules
    /// read medium or above without it (where the screener adds it).
    /// </summary>
    private static float[] ChooseShortSlopes(List<Example> examples, float[][] heldOut, float[] thresholds, List<string> lines)
    {
        var slopes = new float[Opinion.Heads];
        // the steepest slope within the budget, and what it keeps of the raised (added) messages, right and wrong
        (float Slope, string Kept) Steepest(int head, List<int> raised)
        {
            var right = raised.Where(i => examples[i].Targets[head] == 1).ToList();
            var wrong = raised.Where(i => examples[i].Targets[head] == 0).ToList();
            int Lost(List<int> of, float slope) => of.Count(i => heldOut[i][head] < thresholds[head] + slope * Math.Max(0, Opinion.ShortBelow - examples[i].Tokens));
            var slope = 0f;
            for (var step = 1; step <= MaxSlopeSteps; step++)
            {
                if (Lost(right, step * SlopeStep) > ShortMissBudget * right.Count) break;
                slope = step * SlopeStep;
            }
            return (slope, $"it keeps {right.Count - Lost(right, slope)} of {right.Count} right and {wrong.Count - Lost(wrong, slope)} of {wrong.Count} wrong");
        }
        foreach (var (head, level) in new[] { (Opinion.Urgent, Severity.High), (Opinion.Critical, Severity.Critical) })
        {
            var (slope, kept) = Steepest(head, Enumerable.Range(0, examples.Count).Where(i => examples[i].Rules.Severity < level && heldOut[i][head] >= thresholds[head]).ToList());
            slopes[head] = slope;
            lines.Add($"{(head == Opinion.Urgent ? "urgent" : "critical")} on short messages: the threshold grows by {slope:0.00} a word under {Opinion.ShortBelow}; held out, of the raises at the threshold {kept}");
        }
        for (var head = Opinion.FirstCategory; head < Opinion.MinorHead; head++)
        {
            var h = head;
            var (slope, kept) = Steepest(h, Enumerable.Range(0, examples.Count).Where(i => examples[i].Rules.Severity >= Severity.Medium && !Has(examples[i].Rules, h) && heldOut[i][h] >= thresholds[h]).ToList());
            slopes[h] = slope;
            lines.Add($"{Categories.Names[h - Opinion.FirstCategory]} added on short messages: the threshold grows by {slope:0.00} a word under {Opinion.ShortBelow}; held out, of the additions beside the rules' medium or above {kept}");
        }
        return slopes;
    }

    private const float SlopeStep = 0.01f;
    private const int MaxSlopeSteps = 100;

    private static string Group(string file) => Path.GetDirectoryName(file) ?? "";

    private static Severity Label(Example e) =>
        e.Targets[Opinion.Critical] == 1 ? Severity.Critical : e.Targets[Opinion.Urgent] == 1 ? Severity.High : e.Targets.Skip(Opinion.FirstCategory).Take(7).Any(t => t == 1) ? Severity.Medium : Severity.Low;

    private static bool Has(ScreeningResult r, int head) => r.Categories.Contains(Categories.Names[head - Opinion.FirstCategory]);

    /// <summary>The lowest score at which <paramref name="acceptable"/> holds (and holds for every higher candidate), else never.</summary>
    private static float Lowest(IEnumerable<float> scores, Func<float, bool> acceptable)
    {
        var sorted = scores.Distinct().OrderDescending().ToList();
        var best = float.PositiveInfinity;
        foreach (var t in sorted)
        {
            if (!acceptable(t)) break;
            best = t;
        }
        // never below an even chance: the opinion must believe it
        return MathF.Max(best, 0f);
    }

    private static float[] Scores(float[] w, float[] b, int[] buckets)
    {
        var z = new float[Opinion.Heads];
        Scores(w, b, buckets, z);
        return z;
    }

    private static void Scores(float[] w, float[] b, int[] buckets, float[] z)
    {
        b.CopyTo(z, 0);
        foreach (var bucket in buckets)
        {
            var row = bucket * Opinion.Heads;
            for (var h = 0; h < Opinion.Heads; h++) z[h] += w[row + h];
        }
    }

    /// <summary>
    /// Logistic regression by SGD over the examples' dense feature indices (<paramref name="width"/> of them: only the
    /// buckets some message has, a table that stays in the cache where the 2^17 buckets' would not).
    /// </summary>
    private static (float[] Weights, float[] Bias) Fit(List<Example> examples, int width)
    {
        var w = new float[width * Opinion.Heads];
        var b = new float[Opinion.Heads];
        // class priors as the starting bias, so rare heads do not start at an even chance
        for (var h = 0; h < Opinion.Heads; h++)
        {
            var p = (examples.Sum(e => e.Targets[h]) + 1f) / (examples.Count + 2f);
            b[h] = MathF.Log(p / (1 - p));
        }
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(20261204);
        var z = new float[Opinion.Heads];
        var g = new float[Opinion.Heads];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + epoch * 0.3f);
            foreach (var i in order)
            {
                var e = examples[i];
                Scores(w, b, e.Buckets, z);
                for (var h = 0; h < Opinion.Heads; h++)
                {
                    g[h] = Opinion.Sigmoid(z[h]) - e.Targets[h];
                    b[h] -= rate * g[h] * 0.1f;
                }
                // each weight's update as before (a bucket met twice in a message is updated twice, in order)
                foreach (var bucket in e.Buckets)
                {
                    var row = bucket * Opinion.Heads;
                    for (var h = 0; h < Opinion.Heads; h++)
                    {
                        ref var weight = ref w[row + h];
                        weight -= rate * (g[h] + L2 * weight);
                    }
                }
            }
        }
        return (w, b);
    }
}
