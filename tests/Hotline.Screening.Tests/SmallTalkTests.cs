namespace Hotline.Screening.Tests;

public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("hi", SmallTalkKind.Greeting)]
    [InlineData("Hello!", SmallTalkKind.Greeting)]
    [InlineData("good evening", SmallTalkKind.Greeting)]
    [InlineData("përshëndetje", SmallTalkKind.Greeting)]
    [InlineData("pershendetje", SmallTalkKind.Greeting)]
    [InlineData("tung", SmallTalkKind.Greeting)]
    [InlineData("ckemi", SmallTalkKind.Greeting)]
    [InlineData("mirëdita", SmallTalkKind.Greeting)]
    [InlineData("thank you", SmallTalkKind.Thanks)]
    [InlineData("faleminderit", SmallTalkKind.Thanks)]
    [InlineData("flm shume", SmallTalkKind.Thanks)]
    [InlineData("ok", SmallTalkKind.Thanks)]
    public void A_greeting_or_thanks_alone_is_small_talk(string text, SmallTalkKind kind) => Assert.Equal(kind, SmallTalk.Classify(text));

    [Theory]
    [InlineData("hi, can I talk to someone")]
    [InlineData("hello I need help")]
    [InlineData("si jeni")]
    [InlineData("jo")]
    [InlineData("no")]
    [InlineData("pershendetje, kam nje pyetje")]
    [InlineData("xyzzy plugh")]
    public void Anything_more_is_a_message(string text) => Assert.Equal(SmallTalkKind.None, SmallTalk.Classify(text));
}
