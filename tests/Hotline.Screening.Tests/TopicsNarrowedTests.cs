using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// The topic layer held to what it is for: a topic adds a category at low where nothing else gave one, and never
/// changes a message's severity or its context (so never how a conversation reads it); violence denied is the writer's
/// own account; a topic needs what makes the words about a person at risk.
/// </summary>
public sealed class TopicsNarrowedTests
{
    private static readonly Screener Screener = Screener.Default;

    [Theory]
    [InlineData("burri më goditi mbrëmë dhe tha që do më presë me thikë", "u kthye, po qëndron te dera tani. nuk ka dhunë akoma")]
    [InlineData("burri me rrahu dje keq dhe me kercenoi me thike", "erdhi prape, eshte te dera tani. s ka dhune ende")]
    [InlineData("my partner punched me last night and said he'd stab me", "he's back and standing at the door now. no violence yet")]
    [InlineData("my husband hit me hard yesterday and threatened me with a knife", "he came back, he is at the door right now, it's not abuse yet")]
    [InlineData("my husband hit me hard yesterday and threatened me with a knife", "he's back at the door now. i'm not a victim, just scared")]
    public void A_topic_word_denied_does_not_calm_someone_back_at_the_door(string disclosure, string later)
    {
        var message = Screener.Screen(later);
        Assert.Equal(ScreeningContext.None, message.Context & ScreeningContext.Negated);
        var risk = ConversationRisk.Of(Screener, [disclosure, later]);
        Assert.Equal(Severity.Critical, risk.Severity);
    }

    [Theory]
    [InlineData("my husband hit me hard yesterday and threatened me with a knife", "i'm at my sister's now, he went to work, i'm safe")]
    [InlineData("burri me rrahu dje keq dhe me kercenoi me thike", "nuk eshte kthyer akoma, nuk eshte ketu")]
    public void Where_the_danger_itself_is_not_here_the_conversation_is_not_raised(string disclosure, string later)
    {
        // the calming a topic must not bring stays where the message itself says he is away or not back
        var risk = ConversationRisk.Of(Screener, [disclosure, later]);
        Assert.Equal(Severity.High, risk.Severity);
    }

    [Theory]
    [InlineData("he took my passport and says i owe him 5000 euros for the trip", "now. is this what they call trafficking?")]
    [InlineData("shefi ma mori pasaportën dhe thotë që i kam borxh 3000 euro", "sonte. a quhet kjo trafikim?")]
    public void A_subject_named_beside_now_after_a_high_disclosure_is_still_now(string disclosure, string later)
    {
        // the topic's low category is no disclosure of its own: the "now" is weighed against what she told before
        Assert.True(Screener.Screen(later).Severity < Severity.Medium);
        Assert.Equal(Severity.Critical, ConversationRisk.Of(Screener, [disclosure, later]).Severity);
    }

    [Fact]
    public void A_subject_named_beside_now_without_a_disclosure_raises_nothing()
    {
        var risk = ConversationRisk.Of(Screener, ["what are the signs that a job offer abroad is a scam?", "now. is this what they call trafficking?"]);
        Assert.True(risk.Severity < Severity.High);
    }

    [Theory]
    [InlineData("s'ka dhunë këtu, vetëm kam një pyetje për shkollën")]
    [InlineData("no violence in this family, just a question about the school bus")]
    public void A_topic_word_denied_leaves_the_message_context_alone(string text)
    {
        var result = Screener.Screen(text);
        Assert.Equal(ScreeningContext.None, result.Context & (ScreeningContext.Negated | ScreeningContext.Idiom));
    }

    [Fact]
    public void Violence_denied_is_of_the_writer_in_a_message_with_something_wrong() => Expect.Each(SeverityAndCategories, new()
    {
        ["Low domestic_violence"] = Lines("""
            my boyfriend decides which friends i can see and sulks for days. he has never hit me
            my husband is great but he checks where i go every hour. he has never hit me
            vjehrra më ndalon të dal nga shtëpia dhe burri hesht. s'më kanë prekur
            my husband tells me what to wear and who to talk to. our girl is 5. he's never hit me
            """),
        // nothing done to the writer, or all is well with those named
        ["None"] = Lines("""
            my husband has never touched alcohol in his life
            my dad didn't hurt his back at work after all, he's fine
            my little brother won't hurt anyone, he is so calm
            nëna nuk e ka prekur darkën sot, është e lodhur
            shefi nuk e ka prekur pagën tonë këtë vit
            my wife is lovely, she has never hurt me
            burri im është shumë i mirë, nuk më ka prekur kurrë
            jam 14, prindërit e mi janë shumë të mirë, nuk më kanë rrahur kurrë. desha t'ju falënderoj
            im 16, my mum and dad are amazing, they have never hit me, just wanted to say thanks
            """),
    });

    [Fact]
    public void A_child_named_in_a_mothers_account_does_not_make_it_a_childs_own()
    {
        // the minor rule reads the writer's own age, not any age in the message
        var result = Screen("my husband tells me what to wear and who to talk to. our girl is 5. he's never hit me");
        Assert.DoesNotContain("child_at_risk", result.Categories);
        var own = Screen("jam 14 dhe babai nuk na flet prej javësh e na fajëson për gjithçka. s'më ka prekur");
        Assert.Contains("child_at_risk", own.Categories);
    }

    [Fact]
    public void A_subject_word_with_no_one_at_risk_adds_no_category() => Expect.Each(SeverityAndCategories, new()
    {
        ["None"] = Lines("""
            is a master's degree in conflict and violence studies worth it?
            we are recruiting a coordinator for a programme against violence, is the deadline friday?
            sa pikë bën fjala dhunë në scrabble?
            when do the dv lottery winners get their interview?
            a ka dalë lista e fituesve të lotarisë dv?
            I worked abroad in Greece for years, can I add those years to my pension?
            kam punuar jashtë shtetit, a më njihen vitet për pension?
            is Rome safe to visit in August?
            a ka tren nga Roma drejt Napolit?
            does my ex need to give consent for our daughter's passport?
            is it safe to touch the snakes at the zoo?
            is a bad touch screen worth repairing?
            she got a job in customer care, is the pay good?
            a e shkakton ky sapun ngacmim të lëkurës te fëmijët?
            shfrytëzimi i pyjeve në Shqipëri, ndonjë burim për projektin?
            I hate comments under my cooking videos, can I switch them off?
            how can i protect my laptop from hackers?
            is there an online course on digital security for programmers?
            """),
        // a question the rules read as low keeps no category of a topic either
        ["Low"] = Lines("""
            pse kam urrejtje kaq të madhe për kiminë?
            can i take some pictures off the museum website for my homework?
            """),
    });

    [Fact]
    public void The_same_subjects_with_someone_at_risk_keep_their_category() => Expect.Each(SeverityAndCategories, new()
    {
        ["Low domestic_violence"] = Lines("""
            a ka grupe per burra qe duan te heqin dore nga dhuna?
            our clinic wants to train nurses to ask patients about violence, any materials?
            """),
        ["Low trafficking"] = Lines("""
            what are the signs that a job offer abroad is a scam?
            """),
        ["Low sexual_violence"] = Lines("""
            how should i explain consent to my son before he starts high school?
            """),
        ["Low digital_violence"] = Lines("""
            do you run digital safety sessions for parents?
            si ta mbroj llogarinë e vajzës nga hakerat?
            """),
        ["Low hate_violence"] = Lines("""
            a ka ligj kundër gjuhës së urrejtjes ndaj njerëzve gay?
            a janë të sigurt romët në lagjen tonë pas sulmit?
            """),
    });

    /// <summary>The severity and every category, sorted: "Low child_at_risk".</summary>
    private static string SeverityAndCategories(string text)
    {
        var result = Screen(text);
        return string.Join(' ', new[] { result.Severity.ToString() }.Concat(result.Categories.Order()));
    }
}
