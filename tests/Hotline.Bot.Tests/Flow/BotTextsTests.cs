using Hotline.Bot.Flow;
using Hotline.Screening;

namespace Hotline.Bot.Tests.Flow;

public sealed class BotTextsTests
{
    [Fact]
    public void Without_recent_claims_the_bot_says_it_has_no_figure_instead_of_inventing_one()
    {
        Assert.Contains("We have no recent figure for how long the wait is.", BotTexts.HumanRequested(Language.En, 3, null));
        Assert.Contains("Nuk kemi të dhëna të fundit sa zgjat pritja.", BotTexts.HumanRequested(Language.Sq, 3, null));
        Assert.Contains("number 3 in line", BotTexts.HumanRequested(Language.En, 3, null));
        Assert.Contains("numri 3 në radhë", BotTexts.HumanRequested(Language.Sq, 3, null));
        Assert.Contains("about 12 minutes", BotTexts.HumanRequested(Language.En, 1, TimeSpan.FromMinutes(11.6)));
        Assert.Contains("rreth 1 minutë.", BotTexts.HumanRequested(Language.Sq, 1, TimeSpan.FromSeconds(70)));
    }

    [Theory]
    [InlineData(ServiceTopic.Hours)]
    [InlineData(ServiceTopic.Cost)]
    [InlineData(ServiceTopic.Anonymity)]
    [InlineData(ServiceTopic.WhoReads)]
    public void Every_service_answer_is_short_and_says_how_to_reach_a_person_in_both_languages(ServiceTopic topic)
    {
        Assert.EndsWith("To ask for a person, write: person", BotTexts.AboutService(topic, Language.En, 2));
        Assert.EndsWith("Për të kërkuar një njeri, shkruani: njeri", BotTexts.AboutService(topic, Language.Sq, 2));
        Assert.All(new[] { Language.En, Language.Sq }, l => Assert.True(BotTexts.AboutService(topic, l, 0).Length < 320));
        // The word the bot gives is itself recognised as asking for a person.
        Assert.True(HumanRequest.IsRequest("person"));
        Assert.True(HumanRequest.IsRequest("njeri"));
    }

    [Fact]
    public void No_text_before_a_claim_says_a_counsellor_is_joining_or_all_are_busy()
    {
        foreach (var language in new[] { Language.En, Language.Sq })
        {
            var beforeClaim = new[]
            {
                BotTexts.Urgent(language), BotTexts.StillComing(language), BotTexts.Concern(language), BotTexts.Queued(language),
                BotTexts.Noted(language), BotTexts.Listening(language), BotTexts.Welcome(language), BotTexts.QueuePlace(language, 4),
                BotTexts.HumanRequested(language, 2, null), BotTexts.CodeNotRecognised(language),
            };
            Assert.All(beforeClaim, t =>
            {
                Assert.DoesNotContain("joining", t);
                Assert.DoesNotContain("busy", t);
                Assert.DoesNotContain("po vjen", t);
                Assert.DoesNotContain("të zënë", t);
            });
        }
    }
}
