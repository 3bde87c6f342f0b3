namespace Hotline.Screening.Tests;

public sealed class OpinionTests
{
    // a debt said and clients at night: medium to the rules, urgent to the opinion (the id kept with every euro taken at
    // the bar, the example until lexicon 2026.12.41, the rules now read themselves: CategoriesTheRulesNameTests)
    private const string ControlInOtherWords = "the man who got me the job keeps saying i owe him and sends me to clients at night";

    [Fact]
    public void Learned_opinion_raises_what_the_rules_miss_and_shows_the_words_that_drove_it()
    {
        Assert.True(Screener.RulesOnly.Screen(ControlInOtherWords).Severity < Severity.High);

        var result = Screener.Default.Screen(ControlInOtherWords);

        Assert.True(result.Severity >= Severity.High);
        Assert.NotEmpty(result.Categories);
        var learned = result.Indicators.Where(i => i.Id.StartsWith("opinion.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(learned);
        Assert.All(learned, i =>
        {
            Assert.True(i.Length > 0);
            Assert.Equal(ControlInOtherWords.Substring(i.Start, i.Length), i.Text);
            Assert.NotNull(i.Label);
        });
        Assert.Equal(learned.Count, learned.Select(i => i.Text).Distinct().Count());
    }

    [Theory]
    [InlineData("burri po më rreh tani, ndihmë")]
    [InlineData("më kanë mbyllur në një dhomë dhe nuk më lënë të dal, ju lutem")]
    [InlineData("he is outside the door with a knife right now")]
    public void Learned_opinion_never_lowers_a_critical_the_rules_found(string text)
    {
        Assert.Equal(Severity.Critical, Screener.RulesOnly.Screen(text).Severity);
        Assert.Equal(Severity.Critical, Screener.Default.Screen(text).Severity);
    }

    [Theory]
    // seven words each: too few for a sum of word weights to overrule the rules' high
    [InlineData("someone is sharing my naked photos online")]
    [InlineData("my ex keeps posting my private pictures")]
    public void A_short_report_of_an_ongoing_harm_keeps_the_rules_high_even_where_the_opinion_doubts_it(string ongoing)
    {
        Assert.True(Screener.RulesOnly.Screen(ongoing).Severity >= Severity.High);
        Assert.True(Screener.Default.Screen(ongoing).Severity >= Severity.High);
    }

    [Fact]
    public void The_opinion_doubts_a_short_report_it_is_not_allowed_to_lower()
    {
        // Which short reports an opinion doubts depends on its training: opinion 2026.12.15+7196 (kept as a test file)
        // lowered this one to medium before the length guard; with the guard the rules' high stands, with any opinion.
        const string ongoing = "someone is sharing my naked photos online";
        var path = ScreeningPaths.Data("Opinions/opinion-2026.12.15+7196.bin");
        using var stream = File.OpenRead(path);
        var doubting = Opinion.Read(stream);
        var s = new Scratch();
        Tokenizer.Tokenize(ongoing, s, Lexicon.Embedded.Rewrites);
        Screener.RulesOnly.Lookup(s);
        Opinion.Features(s);
        Assert.True(s.Count < Screener.LowerMinTokens);
        Assert.True(doubting.Score(s, Opinion.Urgent) < doubting.LowerBelow, "that opinion alone would lower it");
        Assert.Equal(Severity.High, Screener.WithOpinion(path).Screen(ongoing).Severity);
        Assert.Equal(Severity.High, Screener.Default.Screen(ongoing).Severity);

        Assert.True(Screener.Default.Screen("my sister posts pictures of her baby online").Severity < Severity.High);
    }

    [Fact]
    public void Long_messages_are_left_to_the_rules()
    {
        var text = string.Concat(Enumerable.Repeat("sot ishte nje dite e zakonshme ne pune. ", 30)) + "nuk marr dot fryme mire, i kishte duart ne qafen time";
        var rules = Screener.RulesOnly.Screen(text);
        var both = Screener.Default.Screen(text);
        Assert.Equal(rules.Severity, both.Severity);
        Assert.Equal(rules.Categories, both.Categories);
        Assert.DoesNotContain(both.Indicators, i => i.Id.StartsWith("opinion.", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_alone_give_no_learned_indicators()
    {
        var result = Screener.RulesOnly.Screen(ControlInOtherWords);
        Assert.DoesNotContain(result.Indicators, i => i.Id.StartsWith("opinion.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_written_model_reads_back_with_the_same_scores()
    {
        var opinion = Opinion.Embedded;
        Assert.NotNull(opinion);
        using var stream = new MemoryStream();
        opinion.Write(stream);
        stream.Position = 0;
        var read = Opinion.Read(stream);

        var s = new Scratch();
        Tokenizer.Tokenize(ControlInOtherWords, s, Lexicon.Embedded.Rewrites);
        Screener.RulesOnly.Lookup(s);
        Opinion.Features(s);
        for (var head = 0; head < Opinion.Heads; head++) Assert.Equal(opinion.Score(s, head), read.Score(s, head), 2);
        Assert.Equal(opinion.Thresholds, read.Thresholds);
        Assert.Equal(opinion.LowerBelow, read.LowerBelow);
        Assert.Equal(opinion.ShortSlope, read.ShortSlope);
    }

    [Fact]
    public void A_short_message_needs_a_surer_opinion_to_be_raised()
    {
        // an opinion as sure of every message (its bias alone): urgent at 1.0 over a threshold of 0, growing by 0.1 a
        // word under Opinion.ShortBelow; nothing else over its threshold
        var bias = Enumerable.Repeat(-10f, Opinion.Heads).ToArray();
        bias[Opinion.Urgent] = 1f;
        var slopes = new float[Opinion.Heads];
        slopes[Opinion.Urgent] = 0.1f;
        var sure = new Opinion(new float[Opinion.Size * Opinion.Heads], bias, new float[Opinion.Heads], float.NegativeInfinity, slopes, "test");
        var screener = new Screener(Lexicon.Embedded, sure);
        const string shortLine = "we are having tea in the garden this afternoon";
        const string longLine = "we are having tea in the garden this afternoon and after that we walk to the market to buy bread, cheese and fruit for the whole week";
        Assert.Equal(Severity.None, Screener.RulesOnly.Screen(shortLine).Severity);
        Assert.Equal(Severity.None, Screener.RulesOnly.Screen(longLine).Severity);

        Assert.Equal(Severity.None, screener.Screen(shortLine).Severity);
        Assert.Equal(Severity.High, screener.Screen(longLine).Severity);
        Assert.True(sure.RaiseThreshold(Opinion.Urgent, 9) > sure.RaiseThreshold(Opinion.Urgent, 20));
        Assert.Equal(0f, sure.RaiseThreshold(Opinion.Urgent, Opinion.ShortBelow));
        Assert.Equal(0f, sure.RaiseThreshold(Opinion.Critical, 3));
    }

    /// <summary>An opinion as sure of every message as its bias alone: each head's score is its bias.</summary>
    private static Opinion Sure(float urgent, int category, float categoryScore, float categorySlope)
    {
        var bias = Enumerable.Repeat(-10f, Opinion.Heads).ToArray();
        bias[Opinion.Urgent] = urgent;
        bias[Opinion.FirstCategory + category] = categoryScore;
        var slopes = new float[Opinion.Heads];
        slopes[Opinion.FirstCategory + category] = categorySlope;
        return new Opinion(new float[Opinion.Size * Opinion.Heads], bias, new float[Opinion.Heads], float.NegativeInfinity, slopes, "test");
    }

    [Fact]
    public void A_raise_names_a_category_at_even_chance_and_none_below_it()
    {
        const string tea = "we are having tea in the garden this afternoon";
        var hate = Array.IndexOf(Categories.Names, "hate_violence");
        Assert.Equal(Severity.None, Screener.RulesOnly.Screen(tea).Severity);

        // raised by the urgent head; the likeliest category below even chance is not named, the raise stays
        var below = new Screener(Lexicon.Embedded, Sure(5f, hate, -0.5f, 0f)).Screen(tea);
        Assert.Equal(Severity.High, below.Severity);
        Assert.Empty(below.Categories);

        // at even chance it is named, on a short message too: the raise passed its own short-message threshold
        var at = new Screener(Lexicon.Embedded, Sure(5f, hate, 0.5f, 0.1f)).Screen(tea);
        Assert.Equal(Severity.High, at.Severity);
        Assert.Equal(["hate_violence"], at.Categories);
    }

    [Fact]
    public void A_category_beside_the_rules_alarm_on_a_short_message_needs_a_surer_head()
    {
        const string punched = "a man punched my cousin outside the bakery, he is 25";
        var domestic = Array.IndexOf(Categories.Names, "domestic_violence");
        var rules = Screener.RulesOnly.Screen(punched);
        Assert.Equal(Severity.High, rules.Severity);
        Assert.Empty(rules.Categories);

        // the opinion raises nothing here; its category at 0.5 is added without a slope, not with 0.1 a word
        Assert.Equal(["domestic_violence"], new Screener(Lexicon.Embedded, Sure(-10f, domestic, 0.5f, 0f)).Screen(punched).Categories);
        var sure = Sure(-10f, domestic, 0.5f, 0.1f);
        Assert.Empty(new Screener(Lexicon.Embedded, sure).Screen(punched).Categories);
        Assert.True(sure.RaiseThreshold(Opinion.FirstCategory + domestic, 11) > 0.5f);
    }

    [Fact]
    public void Training_twice_on_the_same_files_gives_the_same_model()
    {
        var labelled = new[] { "own-cases.jsonl", "own-cases-2.jsonl", "benign.jsonl", "benign-2.jsonl", "own-cases-3.jsonl" }
            .SelectMany(file => File.ReadLines(ScreeningPaths.Data(file)).Where(l => l.Trim().Length > 0).Select(l => (file, LabelledMessage.Parse(l, out _)!)))
            .ToList();

        byte[] Train()
        {
            using var stream = new MemoryStream();
            OpinionTrainer.Train(labelled, "test").Opinion.Write(stream);
            return stream.ToArray();
        }

        Assert.Equal(Train(), Train());
    }
    [Fact]
    public void Category_heads_trained_beside_kept_heads_leave_urgent_critical_and_minor_scores_as_they_were()
    {
        var labelled = new[] { "own-cases.jsonl", "benign.jsonl", "benign-2.jsonl", "own-cases-2.jsonl", "own-cases-3.jsonl" }
            .SelectMany(file => File.ReadLines(ScreeningPaths.Data(file)).Where(l => l.Trim().Length > 0).Select(l => (file, LabelledMessage.Parse(l, out _)!)))
            .ToList();
        var kept = Opinion.Embedded!;
        var fresh = OpinionTrainer.Train(labelled, "test").Opinion;
        static Opinion Written(Opinion opinion)
        {
            using var stream = new MemoryStream();
            opinion.Write(stream);
            stream.Position = 0;
            return Opinion.Read(stream);
        }
        var trained = Written(fresh);
        var combined = Written(fresh.WithHeadsOf(kept, [Opinion.Urgent, Opinion.Critical, Opinion.MinorHead], "test/kept"));

        Assert.Equal("test/kept", combined.Version);
        Assert.Equal(kept.LowerBelow, combined.LowerBelow);
        var s = new Scratch();
        var lexicon = Lexicon.Embedded;
        var rules = new Screener(lexicon);
        var categoriesMoved = 0;
        foreach (var text in new[] { "he hit me again and locked me in the flat", "we are baking bread with the kids this afternoon", "they sold my sister abroad, she is 16", "i want to end it tonight" })
        {
            Tokenizer.Tokenize(text, s, lexicon.Rewrites);
            rules.Lookup(s);
            Opinion.Features(s);
            foreach (var head in new[] { Opinion.Urgent, Opinion.Critical, Opinion.MinorHead })
            {
                Assert.Equal(kept.Score(s, head), combined.Score(s, head));
                Assert.Equal(kept.RaiseThreshold(head, s.Count), combined.RaiseThreshold(head, s.Count));
            }
            for (var head = Opinion.FirstCategory; head < Opinion.MinorHead; head++)
            {
                Assert.Equal(trained.Score(s, head), combined.Score(s, head));
                if (MathF.Abs(kept.Score(s, head) - combined.Score(s, head)) > 0.01f) categoriesMoved++;
            }
        }
        Assert.True(categoriesMoved > 0);
    }
}
