namespace Hotline.Bot.Tests.Channels.Twilio;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData("Hello, are you safe?", SmsEncoding.Gsm7)]
    [InlineData("Çfarë ndodhi?", SmsEncoding.Ucs2)] // ë is not in GSM-7
    [InlineData("ç", SmsEncoding.Ucs2)] // lower-case ç is not in GSM-7 either
    [InlineData("Ç", SmsEncoding.Gsm7)] // but upper-case Ç is
    [InlineData("Prices in € and {braces}", SmsEncoding.Gsm7)]
    [InlineData("Mirë 🙂", SmsEncoding.Ucs2)]
    public void Encoding_follows_the_gsm_alphabet(string text, SmsEncoding expected) =>
        Assert.Equal(expected, SmsSegments.EncodingOf(text));

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm7_segments_hold_160_alone_and_153_when_concatenated(int length, int segments) =>
        Assert.Equal((SmsEncoding.Gsm7, segments), SmsSegments.Count(new string('a', length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_segments_hold_70_alone_and_67_when_concatenated(int length, int segments) =>
        Assert.Equal((SmsEncoding.Ucs2, segments), SmsSegments.Count("ë" + new string('a', length - 1)));

    [Fact]
    public void Gsm7_extension_characters_take_two_septets_and_are_not_cut_across_segments()
    {
        Assert.Equal(1, SmsSegments.Count(new string('€', 80)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('€', 81)).Segments);
        // 306 septets would fill two segments exactly, but the two-septet € would straddle the first boundary: it starts the next one.
        Assert.Equal(3, SmsSegments.Count(new string('a', 152) + "€" + new string('a', 152)).Segments);
    }

    [Fact]
    public void Long_reply_is_split_within_sms_limits_on_word_boundaries()
    {
        var words = Enumerable.Range(1, 200).Select(i => i % 7 == 0 ? "ndihmë" : "fjala" + i).ToArray();
        var text = string.Join(' ', words);
        var parts = SmsSegments.SplitForSms(text, maxSegments: 2);

        Assert.True(parts.Count > 1);
        foreach (var part in parts)
        {
            Assert.True(SmsSegments.Count(part).Segments <= 2, $"'{part}' takes {SmsSegments.Count(part).Segments} segments");
            Assert.Equal(part.Trim(), part);
        }
        // Nothing lost, nothing cut inside a word.
        Assert.Equal(words, parts.SelectMany(p => p.Split(' ')).ToArray());
    }

    [Fact]
    public void A_part_without_albanian_letters_stays_gsm7()
    {
        var text = new string('a', 150) + " " + string.Join(' ', Enumerable.Repeat("është", 30));
        var parts = SmsSegments.SplitForSms(text, maxSegments: 1);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.EncodingOf(parts[0]));
        Assert.Equal(new string('a', 150), parts[0]);
        Assert.All(parts.Skip(1), p => Assert.True(p.Length <= SmsSegments.Ucs2Single));
    }

    [Fact]
    public void A_word_longer_than_a_message_is_cut_and_surrogate_pairs_stay_whole()
    {
        var text = string.Concat(Enumerable.Repeat("🙂", 100));
        var parts = SmsSegments.SplitForSms(text, maxSegments: 1);
        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts, p =>
        {
            Assert.True(p.Length <= SmsSegments.Ucs2Single);
            Assert.False(char.IsLowSurrogate(p[0]));
            Assert.False(char.IsHighSurrogate(p[^1]));
        });
    }

    [Fact]
    public void A_line_break_in_the_second_half_is_preferred_to_a_space()
    {
        var first = string.Join(' ', Enumerable.Repeat("word", 25)); // 124 characters
        var text = first + "\n" + string.Join(' ', Enumerable.Repeat("more", 20));
        var parts = SmsSegments.SplitForSms(text, maxSegments: 1);
        Assert.Equal(first, parts[0]);
    }

    [Fact]
    public void WhatsApp_bodies_stay_within_twilios_1600_characters()
    {
        var text = string.Join(' ', Enumerable.Repeat("fjalë", 700));
        var parts = SmsSegments.SplitForWhatsApp(text);
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Length <= SmsSegments.TwilioMaxBody));
        Assert.Equal(text, string.Join(' ', parts));
    }

    [Fact]
    public void Short_reply_is_one_message() =>
        Assert.Equal(["Jemi këtu."], SmsSegments.SplitForSms("  Jemi këtu.  ", 4));
}
