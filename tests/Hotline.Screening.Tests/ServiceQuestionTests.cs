using Hotline.Testing;

namespace Hotline.Screening.Tests;

public sealed class ServiceQuestionTests
{
    [Fact]
    public void A_question_about_the_service_is_recognised() => Expect.Each(ServiceQuestion.Classify, new()
    {
        [ServiceTopic.Hours] = ["what are your hours?", "are you open at night", "a jeni hapur natën?", "cili eshte orari"],
        [ServiceTopic.Cost] = ["is it free?", "do I have to pay for this", "a paguhet?", "sa kushton"],
        [ServiceTopic.Anonymity] = ["is this anonymous", "a eshte anonime", "will they see my number", "a e shihni numrin tim?"],
        [ServiceTopic.WhoReads] = ["who reads this?", "who am I talking to", "kush i lexon mesazhet?", "kush jeni ju"],
    });

    [Fact]
    public void Other_messages_are_not_service_questions() => Expect.Each(ServiceQuestion.Classify, new()
    {
        [ServiceTopic.None] = ["hi", "my husband hits me", "he opened the door and hit me", "dua të flas me dikë"],
    });
}
