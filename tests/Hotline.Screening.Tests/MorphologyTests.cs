namespace Hotline.Screening.Tests;

/// <summary>Verb forms come from paradigms in the lexicon's data, not from phrases one by one.</summary>
public sealed class MorphologyTests
{
    [Fact]
    public void An_oj_lemma_brings_present_imperfect_aorist_participle_passive_and_Gheg_forms()
    {
        var forms = Morphology.Albanian("-oj shfrytëz").ToHashSet();
        foreach (var form in new[] { "shfrytëzoj", "shfrytëzon", "shfrytëzojnë", "shfrytëzonte", "shfrytëzonin", "shfrytëzoi", "shfrytëzuan", "shfrytëzuar", "shfrytëzue", "shfrytëzohet", "shfrytëzua" })
        {
            Assert.Contains(form, forms);
        }
    }

    [Fact]
    public void A_lemma_with_principal_parts_brings_every_tense()
    {
        var forms = Morphology.Albanian("vras vret vras / vris / vra vrau / vrarë vra + vranë").ToHashSet();
        foreach (var form in new[] { "vras", "vret", "vrasin", "vriste", "vrisnin", "vrava", "vrau", "vranë", "vrarë", "vra" }) Assert.Contains(form, forms);
    }

    [Fact]
    public void English_lemmas_bring_their_inflections()
    {
        Assert.Equal(["exploit", "exploits", "exploiting", "exploited"], Morphology.English("exploit"));
        Assert.Equal(["stab", "stabs", "stabbing", "stabbed"], Morphology.English("stab+"));
        Assert.Contains("beaten", Morphology.English("beat: beat beaten"));
        Assert.Contains("forcing", Morphology.English("force"));
    }

    [Fact]
    public void A_bad_lemma_spec_is_rejected()
    {
        Assert.Throws<FormatException>(() => Morphology.Albanian("rreh rreh / rrih"));
    }

    [Theory]
    [InlineData("ai na shfrytëzonte çdo ditë në punishte, pa pagë", "trafficking")]
    [InlineData("ata më shfrytëzuan për dy vjet dhe tani më kërcënojnë", "trafficking")]
    [InlineData("he's been exploiting me and my cousin for months at the car wash", "trafficking")]
    [InlineData("më përdhunoi ish-i dje në mbrëmje", "sexual_violence")]
    [InlineData("po pres krahun me gërshërë kur mërzitem", "self_harm")]
    [InlineData("burri më goditi me grushte në fytyrë", "domestic_violence")]
    public void Forms_never_written_in_a_pattern_are_recognised_through_their_lemma(string text, string category)
    {
        var result = Screener.Default.Screen(text);
        Assert.Contains(category, result.Categories);
        Assert.True(result.Severity >= Severity.Medium, result.Severity.ToWire());
    }
}
