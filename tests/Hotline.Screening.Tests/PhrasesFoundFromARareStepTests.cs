using System.Text.Json;

namespace Hotline.Screening.Tests;

/// <summary>
/// A phrase whose first two words are found in nearly every message ("më të …", "i do …") is looked for only where its
/// first rarer word occurs (LexiconCompiler.RareAnchors). What a message reads must not depend on it: the same matches,
/// in the same order, as when every such phrase is tried at every one of its first words.
/// </summary>
public sealed class PhrasesFoundFromARareStepTests
{
    private static readonly Lazy<Lexicon> Plain = new(() => Lexicon.LoadEmbedded(rareSteps: false));
    private static readonly Lazy<Screener> EveryStart = new(() => new Screener(Plain.Value, Opinion.Embedded));

    [Fact]
    public void The_lexicon_finds_some_phrases_from_a_rare_step()
    {
        Assert.Contains(Lexicon.Embedded.RareAnchor, step => step >= 2);
        Assert.DoesNotContain(Plain.Value.RareAnchor, step => step != 0);
    }

    [Theory]
    // a rare word after several starts of the phrase, the same phrase twice, and starts with no rare word after them
    [InlineData("më të më të më ka rrahur burri dhe më ka mbyllur në dhomë, më të më mbyll prapë")]
    [InlineData("ai më ka thënë se do më vrasë, do më vrasë sonte, më ka thënë")]
    [InlineData("i do i do i will kill myself tonight i will i will")]
    [InlineData("me te me te me te me te")]
    [InlineData("do te me do te me vrase")]
    [InlineData("he said he will hurt me and then he said he will kill me if i leave, he will")]
    public void A_message_reads_the_same_whichever_way_its_phrases_are_found(string text) =>
        Assert.Equal(Read(EveryStart.Value, text), Read(Screener.Default, text));

    [Fact]
    public void A_long_message_reads_the_same_whichever_way_its_phrases_are_found()
    {
        // over 64 words: the positions take more than one long a set
        var text = string.Concat(Enumerable.Repeat("më të thotë se do më vrasë, ", 12)) + "i will kill myself tonight";
        Assert.Equal(Read(EveryStart.Value, text), Read(Screener.Default, text));
    }

    [Fact]
    public void Every_labelled_message_reads_the_same_whichever_way_its_phrases_are_found()
    {
        var files = Directory.EnumerateFiles(ScreeningPaths.Data(""), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (File.Exists(ScreeningPaths.DevSet)) files.Add(ScreeningPaths.DevSet);
        var read = 0;
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0) continue;
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String) continue;
                var message = text.GetString()!;
                var expected = Read(EveryStart.Value, message);
                var actual = Read(Screener.Default, message);
                if (expected != actual) Assert.Fail($"{Path.GetFileName(file)}: a message reads otherwise when its phrases are found from a rare step:\n{expected}\n{actual}");
                read++;
            }
        }
        Assert.True(read > 1000, $"only {read} labelled messages were read");
    }

    private static string Read(Screener screener, string text) => JsonSerializer.Serialize(screener.Screen(text));
}
