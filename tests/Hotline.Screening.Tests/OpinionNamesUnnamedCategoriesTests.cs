namespace Hotline.Screening.Tests;

// Where the rules read none and named nothing, the learned opinion names a category it is sure of; the severity and the
// minor flag stay the rules' own (README-screening.md, "The opinion names what the rules left unnamed").
public sealed class OpinionNamesUnnamedCategoriesTests
{
    [Theory]
    [InlineData("a family friend wants to take my 15 year old cousin to work in his restaurant abroad for the summer", "trafficking")]
    [InlineData("my mother in law decides when i can see my own parents and my husband agrees with her", "domestic_violence")]
    [InlineData("pas festës një shok më bëri diçka, s'i kam thënë askujt", "sexual_violence")]
    public void A_message_the_rules_read_as_nothing_gets_the_category_the_opinion_is_sure_of(string text, string category)
    {
        var rules = Screener.RulesOnly.Screen(text);
        var both = Screener.Default.Screen(text);

        Assert.Equal(Severity.None, rules.Severity);
        Assert.Empty(rules.Categories);
        Assert.Equal([category], both.Categories);
        Assert.Equal(rules.Severity, both.Severity);
        Assert.Equal(rules.Minor, both.Minor);
        // the operator sees which words named it
        Assert.Contains(both.Indicators, i => i.Id == "opinion.category" && i.Categories.Contains(category));
    }

    [Theory]
    // what the opinion reads as self-harm or digital violence where the rules read nothing is left unnamed: the same
    // words are everyday far too often
    [InlineData("i haven't left my room in weeks, i barely eat and i don't see the point of anything")]
    [InlineData("someone i don't know keeps commenting under all my photos and knows which school i go to")]
    // an alarm keeps the rules' categories
    [InlineData("he hit me yesterday and keeps sending my friends the pictures he took of me in bed")]
    public void Where_the_opinion_is_not_sure_enough_the_rules_categories_stand(string text)
    {
        var rules = Screener.RulesOnly.Screen(text);
        var both = Screener.Default.Screen(text);

        Assert.DoesNotContain("self_harm", both.Categories.Except(rules.Categories));
        Assert.DoesNotContain("digital_violence", both.Categories.Except(rules.Categories));
    }

    [Theory]
    // sport
    [InlineData("we crushed them 4-0 in the derby last night, their keeper was destroyed")]
    [InlineData("we lost 2-1 in the cup, the ref killed us with that penalty")]
    [InlineData("e mundëm 3-0 në finale, i shkatërruam fare")]
    // films
    [InlineData("watched a film about a girl sold abroad, really well made")]
    [InlineData("pamë një film për trafikimin e vajzave, shumë i mirë")]
    // school questions and a child's own everyday news
    [InlineData("jam 14 vjeç, si ta bëj projektin për shkollën për historinë e qytetit?")]
    [InlineData("i'm in 9th grade, can someone explain how photosynthesis works for my test tomorrow?")]
    [InlineData("jam 13 vjeç dhe sot fitova garën e vrapimit në shkollë")]
    [InlineData("i'm 12 and my brother beat me again at fifa, so annoying")]
    // family life
    [InlineData("my dad and i argued about my grades at dinner, then we talked it out and watched tv")]
    [InlineData("me mamin u grindëm për rrobat, pastaj bëmë paqe dhe dolëm për akullore")]
    [InlineData("my son is 8 and loves football, any clubs for kids in durres?")]
    [InlineData("gjyshja na gatoi byrek të dielën, gjithë familja ishim bashkë")]
    // something done to a thing, something nice, a prank, a surprise, a meal, a haircut: no act kept untold
    [InlineData("my brother did something to my car after the party, it's scratched")]
    [InlineData("they did something nice for me after the party, a cake")]
    [InlineData("my friends did something to me at the party, a prank with whipped cream lol")]
    [InlineData("they threw me a surprise party, i haven't told anyone how much it meant")]
    [InlineData("the dj did something to the speakers at the party, everyone was deaf")]
    [InlineData("mami më bëri diçka për darkë pas festës")]
    [InlineData("shoqet më bënë diçka me flokët pas festës, tani jam bionde")]
    [InlineData("pas festës shoku më bëri diçka të bukur, një vizatim")]
    // a good end told: an identity accepted, money lent and paid back
    [InlineData("i told my parents i'm bi and they said they love me no matter what")]
    [InlineData("prindërit e kuptuan që jam gay dhe më thanë që më duan njësoj")]
    [InlineData("i lent my cousin money for his trip to greece, he paid me back")]
    public void Everyday_look_alikes_get_no_category_with_or_without_the_opinion(string text)
    {
        foreach (var screener in new[] { Screener.RulesOnly, Screener.Default })
        {
            var result = screener.Screen(text);
            Assert.Equal(Severity.None, result.Severity);
            Assert.Empty(result.Categories);
        }
    }

    [Theory]
    // an act told only by a veil word ("did something to me") beside drinks and a silence kept: too little for the
    // rules to raise, enough for the opinion to name sexual_violence from even chance
    [InlineData("my cousin's friend did something to me after the drinks, i haven't told anyone")]
    public void An_act_told_by_a_veil_word_beside_a_party_or_a_silence_is_named_sexual_violence(string text)
    {
        var rules = Screener.RulesOnly.Screen(text);
        var both = Screener.Default.Screen(text);

        Assert.Equal(Severity.None, rules.Severity);
        Assert.Empty(rules.Categories);
        Assert.Contains("sexual_violence", both.Categories);
        Assert.Equal(rules.Severity, both.Severity);
    }

    [Fact]
    public void A_long_message_is_left_to_the_rules_here_too()
    {
        // beyond the length the opinion learned from it does not score, so it names nothing
        var text = string.Concat(Enumerable.Repeat("sot ishte nje dite e zakonshme ne pune. ", 20))
            + "a family friend wants to take my 15 year old cousin to work in his restaurant abroad for the summer";
        var rules = Screener.RulesOnly.Screen(text);
        var both = Screener.Default.Screen(text);

        Assert.Equal(rules.Severity, both.Severity);
        Assert.Equal(rules.Categories, both.Categories);
    }
}
