namespace Hotline.Screening.Tests;

public sealed class DuressTests
{
    [Theory]
    [InlineData("no", true, true)]
    [InlineData("Jo.", true, true)]
    [InlineData("no", false, false)]
    [InlineData("no, but he is asleep so I can write", true, false)]
    [InlineData("do you sell the BLUE umbrella?", false, true)]
    [InlineData("yes", true, false)]
    public void Duress_is_the_agreed_phrase_or_a_bare_no_to_the_safety_question(string text, bool asked, bool duress) =>
        Assert.Equal(duress, DuressDetector.FromSetting("blue umbrella").IsDuress(text, asked));

    [Fact]
    public void The_innocent_reply_never_mentions_help_lines() =>
        Assert.All(new[] { Language.Sq, Language.En }, l => Assert.DoesNotContain("112", DuressDetector.InnocentReply(l)));
}
