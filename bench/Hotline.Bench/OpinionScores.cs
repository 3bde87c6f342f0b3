using Hotline.Screening;

namespace Hotline.Bench;

/// <summary>
/// Prints, per labelled message, its label, the rules' severity and the learned opinion's urgent and critical scores
/// (ids only, no text): for judging the opinion's thresholds on a set it was not trained on.
/// </summary>
internal static class OpinionScores
{
    public static void Print(string path)
    {
        var lexicon = Lexicon.Embedded;
        var rules = Screener.RulesOnly;
        var opinion = Opinion.Embedded ?? throw new InvalidOperationException("no opinion.bin embedded: train-opinion first");
        var s = new Scratch();
        Console.WriteLine("id\tlabel\trules\turgent\tcritical");
        foreach (var line in File.ReadLines(path))
        {
            if (line.Trim().Length == 0 || LabelledMessage.Parse(line, out _) is not { } message) continue;
            Tokenizer.Tokenize(message.Text, s, lexicon.Rewrites);
            rules.Lookup(s);
            Opinion.Features(s);
            var r = rules.Screen(message.Text);
            Console.WriteLine(FormattableString.Invariant($"{message.Id}\t{message.Severity}\t{r.Severity}\t{opinion.Score(s, Opinion.Urgent):0.00}\t{opinion.Score(s, Opinion.Critical):0.00}"));
        }
    }
}
