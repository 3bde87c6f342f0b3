using Hotline.Core.Places;

namespace Hotline.Screening.Tests;

public sealed class LexiconTests
{
    /// <summary>Compiles a lexicon of one self_harm indicator (plus the classes the rules need) and no places.</summary>
    private static Lexicon LoadIndicator(string indicatorJson)
    {
        var lexicon = """{"version":"1","indicators":{"self_harm":[""" + indicatorJson + """]},"classes":{"NEG":["not"],"FIRST_PERSON":["me"],"FIRST_SUBJECT":["i"],"ENGLISH_I":["i"],"NOT_AGE_UNIT":["days"],"PLACE_PREPOSITION":["in"],"THIRD_OBJECT":["her"]}}""";
        const string places = """{"version":"1","municipalities":[],"abroad":[]}""";
        return Lexicon.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lexicon)), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(places)));
    }

    [Fact]
    public void Lexicon_is_versioned_and_covers_every_category()
    {
        var lexicon = Lexicon.Embedded;
        Assert.Matches(@"^\d{4}\.\d+\.\d+$", lexicon.Version);
        foreach (var category in Hotline.Screening.Categories.Names)
        {
            var bit = 1 << Array.IndexOf(Hotline.Screening.Categories.Names, category);
            Assert.Contains(lexicon.Entries, e => e.Kind == EntryKind.Indicator && (e.CategoryBits & bit) != 0);
        }
        Assert.Contains(lexicon.Entries, e => e.Kind == EntryKind.Immediacy);
        Assert.Contains(lexicon.Entries, e => e.Kind == EntryKind.Idiom);
    }

    /// <summary>A message's cues are kept as bits of one <c>ulong</c> (<c>Assessment.Cues</c>): a 65th cue would share its bit
    /// with the first and read one cue as another, silently.</summary>
    [Fact]
    public void Every_cue_has_a_bit_of_its_own_in_the_message_s_cue_mask()
    {
        var cues = Enum.GetValues<Cue>();
        Assert.All(cues, cue => Assert.InRange((int)cue, 0, 63));
        Assert.Equal(cues.Length, cues.Select(cue => 1UL << (int)cue).Distinct().Count());
    }

    [Fact]
    public void Gazetteer_has_all_61_municipalities_of_core()
    {
        var places = Lexicon.Embedded.Entries.Where(e => e.Kind == EntryKind.Place && !e.Abroad).Select(e => e.Value).ToHashSet();
        Assert.Equal(61, Municipalities.All.Count);
        foreach (var (name, _) in Municipalities.All) Assert.Contains(name, places);
    }

    [Fact]
    public void Every_municipality_is_found_by_its_name_with_and_without_diacritics()
    {
        foreach (var (name, _) in Municipalities.All)
        {
            Assert.Equal(name, Screener.Default.Screen("jam në " + name).Place);
            var plain = new string([.. name.Normalize(System.Text.NormalizationForm.FormD).Where(c => c < 0x300 || c > 0x36F)]).Replace('ë', 'e').Replace('ç', 'c').Replace('Ç', 'C').Replace('Ë', 'E');
            Assert.Equal(name, Screener.Default.Screen("jam ne " + plain.ToLowerInvariant()).Place);
        }
    }

    [Fact]
    public void Bad_pattern_syntax_is_rejected_with_the_entry_id()
    {
        var e = Assert.Throws<FormatException>(() => LoadIndicator("""{"id":"x.bad","label":{"sq":"x","en":"x"},"patterns":["(a|b) c"]}"""));
        Assert.Contains("x.bad", e.Message, StringComparison.Ordinal);
        Assert.Contains("brackets", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("and so")]
    [InlineData("s'ka")]
    public void A_class_the_rules_read_word_by_word_with_a_member_of_two_words_is_rejected_by_name(string member)
    {
        static string WithBarrier(string members) => """{"version":"1","indicators":{},"classes":{"NEG":["not"],"FIRST_PERSON":["me"],"FIRST_SUBJECT":["i"],"ENGLISH_I":["i"],"NOT_AGE_UNIT":["days"],"PLACE_PREPOSITION":["in"],"THIRD_OBJECT":["her"],"THIRD_SUBJECT":["she"],"NEG_BARRIER":[""" + members + "]}}";
        const string places = """{"version":"1","municipalities":[],"abroad":[]}""";
        static Stream Utf8(string text) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.True(Lexicon.Load(Utf8(WithBarrier("\"but\"")), Utf8(places)).ClassSet("NEG_BARRIER") >= 0);
        var e = Assert.Throws<FormatException>(() => Lexicon.Load(Utf8(WithBarrier("\"but\", \"" + member + "\"")), Utf8(places)));
        Assert.Contains("@NEG_BARRIER", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_cue_has_a_bit_of_its_own_in_the_64_bit_mask_the_rules_carry()
    {
        // A cue past 63 would wrap round to bit 0 in `1UL << cue` and be read as another cue without a word said.
        var cues = Enum.GetValues<Cue>();
        Assert.All(cues, cue => Assert.InRange((int)cue, 0, 63));
        Assert.Equal(cues.Length, cues.Select(cue => 1UL << (int)cue).Distinct().Count());
    }

    [Fact]
    public void An_indicator_without_a_label_in_both_languages_is_rejected()
    {
        var e = Assert.Throws<FormatException>(() => LoadIndicator("""{"id":"x.unnamed","label":{"en":"Unnamed"},"patterns":["a b"]}"""));
        Assert.Contains("x.unnamed", e.Message, StringComparison.Ordinal);
        Assert.Contains("label", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_indicator_immediacy_cue_and_combination_has_a_short_label_in_Albanian_and_English()
    {
        var lexicon = Lexicon.Embedded;
        var ids = lexicon.Entries.Where(e => e.Kind is EntryKind.Indicator or EntryKind.Immediacy).Select(e => e.Id)
            .Concat(lexicon.Combinations.Select(c => c.Id)).ToList();
        Assert.True(ids.Count > 100);
        foreach (var id in ids)
        {
            Assert.True(Screener.Default.Labels.TryGetValue(id, out var label), $"{id} has no label");
            Assert.False(string.IsNullOrWhiteSpace(label.Sq), id);
            Assert.False(string.IsNullOrWhiteSpace(label.En), id);
            Assert.NotEqual(id, label.En);
        }
        Assert.Equal("Rrahje", Screener.Default.Labels["v.beating"].Sq);
        Assert.Equal("Beating", Screener.Default.Labels["v.beating"].En);
    }

    [Fact]
    public void Screening_allocates_under_a_kilobyte_per_message()
    {
        string[] texts =
        [
            "burri po me rreh tani dhe me ka mbyll ne dhome, jam ne Tirane, ju lutem ndihmoni shpejt se kam shume frike nga ai sot",
            "my boyfriend took my passport and says i owe him 3000 for the trip to italy, he doesnt let me go out alone, pls help",
        ];
        foreach (var t in texts) Screener.Default.Screen(t);
        var before = GC.GetAllocatedBytesForCurrentThread();
        const int rounds = 1000;
        for (var i = 0; i < rounds; i++) Screener.Default.Screen(texts[i % 2]);
        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        Assert.True(perMessage < 1024, $"{perMessage} bytes per message");
    }
}
