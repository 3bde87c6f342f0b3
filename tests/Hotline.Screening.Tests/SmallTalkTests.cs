using Hotline.Testing;

namespace Hotline.Screening.Tests;

public sealed class SmallTalkTests
{
    [Fact]
    public void A_greeting_or_thanks_alone_is_small_talk() => Expect.Each(SmallTalk.Classify, new()
    {
        [SmallTalkKind.Greeting] = ["hi", "Hello!", "good evening", "përshëndetje", "pershendetje", "tung", "ckemi", "mirëdita"],
        [SmallTalkKind.Thanks] = ["thank you", "faleminderit", "flm shume", "ok"],
    });

    [Fact]
    public void Anything_more_is_a_message() => Expect.Each(SmallTalk.Classify, new()
    {
        [SmallTalkKind.None] = ["hi, can I talk to someone", "hello I need help", "si jeni", "jo", "no", "pershendetje, kam nje pyetje", "xyzzy plugh"],
    });
}
