namespace Hotline.Screening.Tests;

public sealed class ServiceQuestionTests
{
    [Theory]
    [InlineData("what are your hours?", ServiceTopic.Hours)]
    [InlineData("are you open at night", ServiceTopic.Hours)]
    [InlineData("a jeni hapur natën?", ServiceTopic.Hours)]
    [InlineData("cili eshte orari", ServiceTopic.Hours)]
    [InlineData("is it free?", ServiceTopic.Cost)]
    [InlineData("do I have to pay for this", ServiceTopic.Cost)]
    [InlineData("a paguhet?", ServiceTopic.Cost)]
    [InlineData("sa kushton", ServiceTopic.Cost)]
    [InlineData("is this anonymous", ServiceTopic.Anonymity)]
    [InlineData("a eshte anonime", ServiceTopic.Anonymity)]
    [InlineData("will they see my number", ServiceTopic.Anonymity)]
    [InlineData("a e shihni numrin tim?", ServiceTopic.Anonymity)]
    [InlineData("who reads this?", ServiceTopic.WhoReads)]
    [InlineData("who am I talking to", ServiceTopic.WhoReads)]
    [InlineData("kush i lexon mesazhet?", ServiceTopic.WhoReads)]
    [InlineData("kush jeni ju", ServiceTopic.WhoReads)]
    public void A_question_about_the_service_is_recognised(string text, ServiceTopic topic) => Assert.Equal(topic, ServiceQuestion.Classify(text));

    [Theory]
    [InlineData("hi")]
    [InlineData("my husband hits me")]
    [InlineData("he opened the door and hit me")]
    [InlineData("dua të flas me dikë")]
    public void Other_messages_are_not_service_questions(string text) => Assert.Equal(ServiceTopic.None, ServiceQuestion.Classify(text));
}
