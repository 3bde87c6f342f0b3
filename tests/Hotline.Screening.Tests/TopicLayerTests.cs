using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>The topic layer (lexicon "topics", Screener.Topics.cs): a subject named with no danger (a question, a past
/// over, a worry about someone else) keeps its category at low; everyday messages with the same words get none; a topic
/// never raises a message nor adds a category beside the rules'.</summary>
public sealed class TopicLayerTests
{
    [Fact]
    public void Albanian_nouns_bring_their_definite_oblique_and_plural_forms()
    {
        var violence = Morphology.AlbanianNoun("-ë dhun").ToHashSet();
        foreach (var form in new[] { "dhunë", "dhuna", "dhunën", "dhunës", "dhunave" }) Assert.Contains(form, violence);
        var relation = Morphology.AlbanianNoun("-e lidhj").ToHashSet();
        foreach (var form in new[] { "lidhje", "lidhja", "lidhjen", "lidhjes", "lidhjet", "lidhjeve" }) Assert.Contains(form, relation);
        var abuse = Morphology.AlbanianNoun("-i abuzim").ToHashSet();
        foreach (var form in new[] { "abuzim", "abuzimi", "abuzimin", "abuzimit", "abuzime", "abuzimet", "abuzimeve" }) Assert.Contains(form, abuse);
        Assert.Contains("trafikantët", Morphology.AlbanianNoun("-i trafikant + trafikantë trafikantët"));
        Assert.Throws<FormatException>(() => Morphology.AlbanianNoun("dhunë").ToList());
    }

    [Fact]
    public void English_nouns_bring_their_plurals()
    {
        Assert.Equal(["victim", "victims"], Morphology.EnglishNoun("victim"));
        Assert.Equal(["child", "children"], Morphology.EnglishNoun("child: children"));
        Assert.Contains("discriminations", Morphology.EnglishNoun("discrimination"));
    }

    [Fact]
    public void A_question_about_a_subject_keeps_its_category_at_low() => Expect.Each(SeverityAndCategories, new()
    {
        ["Low domestic_violence"] = Lines("""
            a ka ligj për dhunën ekonomike në martesë?
            a perfshihet dhuna psikologjike ne ligj?
            """),
        ["Low child_at_risk"] = Lines("""
            what does a foster family have to do in albania?
            how do we become foster parents?
            si behet nje familje kujdestare?
            how can a school stop bullying of younger pupils?
            i was in foster care as a kid, now i'm 30. any mentoring programs?
            """),
        ["Low sexual_violence"] = Lines("""
            where can a woman get help if she was abused as a child? she's 40 now
            a denohet ngacmimi seksual ne pune?
            """),
        ["Low self_harm"] = Lines("""
            a ka grupe për njerëzit që shërohen nga çrregullimet e të ngrënit?
            """),
        ["Low trafficking"] = Lines("""
            how does someone get potential victim status?
            are employment agencies for jobs abroad checked by anyone?
            """),
        ["Low digital_violence"] = Lines("""
            si ta dalloj nje profil te rreme?
            """),
    });

    [Fact]
    public void The_same_words_in_everyday_messages_add_no_category() => Expect.Each(SeverityAndCategories, new()
    {
        ["None"] = Lines("""
            the new series on netflix is so violent, loved it
            ne lajme folen per dhunen ne stadium
            sa është fjalëkalimi i wifi-t?
            my son wants to be a hacker when he grows up lol
            te dhenat e klientit i kam ne excel
            i play a game where you fight violent zombies, any tips?
            does the office have a password for the guest wifi?
            we had a workshop on consent at school today, it was good
            my grandpa smuggled cigarettes in the 80s haha
            we need a parental consent form for the school trip?
            """),
        // a violence word said not to be the matter: a service question with no category
        ["Low"] = Lines("""
            pa dhune, thjesht duam te ndahemi. ku gjej avokat?
            no violence, just need a divorce lawyer, where do i find one?
            """),
    });

    [Fact]
    public void A_topic_never_adds_a_category_beside_the_rules_nor_changes_their_severity() => Expect.Each(SeverityAndCategories, new()
    {
        // eating disorders named beside a beating: the rules' domestic violence stands alone
        ["High domestic_violence"] = Lines("""
            burri me rrahu prape mbreme. a keni grup per crregullimet e te ngrenit?
            """),
        ["Medium domestic_violence"] = Lines("""
            my husband hits me every week, is there a shelter for women?
            """),
    });

    [Fact]
    public void A_topic_alone_stays_low() => Expect.EachBelow(SeverityOf, new()
    {
        [Severity.Medium] = Lines("""
            a perfshihet dhuna psikologjike ne ligj?
            where can a woman get help if she was abused as a child? she's 40 now
            how does someone get potential victim status?
            si ta dalloj nje profil te rreme?
            a ka grupe për njerëzit që shërohen nga çrregullimet e të ngrënit?
            a denohet ngacmimi seksual ne pune?
            """),
    });

    [Fact]
    public void Violence_denied_of_someone_named_takes_the_category_of_who_is_named() => Expect.Each(SeverityAndCategories, new()
    {
        ["Low domestic_violence"] = Lines("""
            my husband tells me what to wear and who to talk to. he's never hit me
            my mother in law decides everything at home and my husband stays silent. no one hits me
            babai s'na flet prej javesh e na ben me faj per gjithcka. nuk na ka prekur
            vjehrra vendos gjithcka ne shtepi, burri hesht. nuk me kane prekur
            """),
        // a child's own account of home is a child's at risk as well
        ["Low child_at_risk domestic_violence"] = Lines("""
            jam 14. babai s'na flet prej javesh e na ben me faj per gjithcka. nuk na ka prekur
            im 15, my mum says i cost too much and hides the food. she doesnt hit me
            jam 13 dhe vellai me thote qe s'vlej asgje. s'me ka rrahur
            """),
        // nobody named, or a question to the service that says why it is not about violence
        ["None"] = Lines("""
            i played football today and nobody hit me lol
            the queue at the concert was long but nobody hurt me, i was relieved
            """),
        ["Low"] = Lines("""
            a ofroni ndihme juridike per divorc? burri nuk eshte i dhunshem
            """),
    });

    [Fact]
    public void Trafficking_named_by_its_verb_or_a_loverboy_and_the_line_for_children() => Expect.Each(SeverityAndCategories, new()
    {
        ["Low trafficking"] = Lines("""
            my friend thinks her new bf is a loverboy, what are the signs?
            a ka program per vajzat e trafikuara qe kthehen nga jashte?
            """),
        ["Low child_at_risk"] = Lines("""
            is 116 111 free from a mobile?
            """),
        ["Low domestic_violence"] = Lines("""
            can a man stay in a shelter with his kids if his wife is the abuser?
            si funksionon streha per viktimat?
            """),
        // traffic on the roads, a film in class
        ["None"] = Lines("""
            trafiku ishte i rende sot ne Tirane
            we watched a film about lover boys in class, so sad
            """),
    });

    [Fact]
    public void Safety_online_and_safeguarding_are_subjects_and_a_safeguarding_lead_on_holiday_is_not() => Expect.Each(SeverityAndCategories, new()
    {
        ["Low digital_violence"] = Lines("""
            is cyberstalking a crime here or is it just harassment?
            si t'u flas nxenesve per sigurine ne instagram?
            ku mund te mesojne prinderit per abuzimin online?
            """),
        ["Low child_at_risk"] = Lines("""
            do you run safeguarding training for our youth club volunteers?
            """),
        ["Low trafficking"] = Lines("""
            a keni materiale per rreziqet e punes jashte shtetit per nje ore mesimi?
            """),
        ["None"] = Lines("""
            our safeguarding lead is on holiday this week lol
            """),
    });

    [Fact]
    public void A_topic_named_does_not_make_the_message_about_a_minor()
    {
        var result = Screen("social worker here, we have a teenager in foster care. can you send leaflets in albanian?");
        Assert.Equal(Severity.Low, result.Severity);
        Assert.Contains("child_at_risk", result.Categories);
        Assert.False(result.Minor);
    }

    [Fact]
    public void A_topic_is_explained_by_its_words_with_a_label_in_both_languages()
    {
        const string text = "a perfshihet dhuna psikologjike ne ligj?";
        var indicator = Assert.Single(Screen(text).Indicators);
        Assert.Equal("tp.dv.violence", indicator.Id);
        Assert.Equal("domestic_violence", indicator.Category);
        Assert.Equal("dhuna", text.Substring(indicator.Start, indicator.Length));
        Assert.False(string.IsNullOrEmpty(indicator.Label?.Sq));
        Assert.False(string.IsNullOrEmpty(indicator.Label?.En));
    }

    [Fact]
    public void A_topic_with_a_level_or_a_sign_of_now_is_refused_when_the_lexicon_is_compiled()
    {
        foreach (var extra in new[] { "\"level\":\"high\",", "\"acute\":true,", "\"immediacy\":\"presence\"," })
        {
            var lexicon = """{"version":"1","topics":{"self_harm":[{"id":"tp.test",EXTRA"label":{"sq":"a","en":"a"},"patterns":["suicide"]}]},"classes":{"NEG":["not"],"FIRST_PERSON":["me"],"FIRST_SUBJECT":["i"],"ENGLISH_I":["i"],"NOT_AGE_UNIT":["days"],"PLACE_PREPOSITION":["in"],"THIRD_OBJECT":["her"]}}"""
                .Replace("EXTRA", extra, StringComparison.Ordinal);
            const string places = """{"version":"1","municipalities":[],"abroad":[]}""";
            var error = Assert.Throws<FormatException>(() => Lexicon.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lexicon)), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(places))));
            Assert.Contains("tp.test", error.Message);
        }
    }

    /// <summary>The severity and every category, sorted: "Low child_at_risk".</summary>
    private static string SeverityAndCategories(string text)
    {
        var result = Screen(text);
        return string.Join(' ', new[] { result.Severity.ToString() }.Concat(result.Categories.Order()));
    }
}
