namespace Hotline.Screening.Tests;

public sealed class HumanRequestTests
{
    [Theory]
    [InlineData("dua të flas me dikë")]
    [InlineData("dua te flas me dike")]
    [InlineData("du me fol me dikon")]
    [InlineData("a mund të flas me dikë?")]
    [InlineData("a mund te flas me nje njeri")]
    [InlineData("a ka njeri aty")]
    [InlineData("A KA NJERI ATY???")]
    [InlineData("a asht dikush aty")]
    [InlineData("a je robot")]
    [InlineData("jeni robot apo njeri?")]
    [InlineData("s'po ndihem mirë, nuk di me kë të flas")]
    [InlineData("spo ndihem mire, nuk di me ke te flas")]
    [InlineData("operator")]
    [InlineData("Operatori ju lutem")]
    [InlineData("njeri")]
    [InlineData("a real person")]
    [InlineData("human please")]
    [InlineData("can I talk to someone")]
    [InlineData("can i talk to someone?")]
    [InlineData("I need to speak with a counsellor")]
    [InlineData("is anyone there")]
    [InlineData("hello?? anybody there")]
    [InlineData("are you a bot")]
    [InlineData("am i talking to a robot")]
    [InlineData("I don't know who to talk to")]
    [InlineData("i just need to talk")]
    public void A_request_for_a_person_is_recognised_in_either_language(string text) => Assert.True(HumanRequest.IsRequest(text), text);

    [Theory]
    [InlineData("hi")]
    [InlineData("përshëndetje")]
    [InlineData("he won't let me talk to my friends")]
    [InlineData("ai nuk më lë të flas me askënd")]
    [InlineData("my husband hits me")]
    [InlineData("is it free?")]
    [InlineData("ku ndodhet zyra juaj")]
    [InlineData("he posted my photos online")]
    public void A_message_that_does_not_ask_for_a_person_is_not_a_request(string text) => Assert.False(HumanRequest.IsRequest(text), text);
}
