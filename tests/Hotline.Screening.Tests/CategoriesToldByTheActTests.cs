using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Categories the words did not name, read from the act: sexual violence told by what is done (forced sex by a partner, a
/// grown man in a child's bed, clothes gone after a night out, someone carried off unconscious, stripped by force, a
/// trans or intersex person's body to be "checked", grabbed by the body), a child meeting a grown-up from an app now,
/// hate told by a place of worship attacked or by where she is from, a family's cold shoulder after coming out, and
/// digital violence told by a withheld number, an app that tracks her, or a parent's question about online risks. Each
/// with look-alikes where the same words are a film, sport, a dance, medicine, a storm, history, sleep or everyday life;
/// each read with the opinion and by the rules alone.
/// </summary>
public sealed class CategoriesToldByTheActTests
{
    private static Func<ScreeningResult, string> Names(string category) => r => r.Categories.Contains(category) ? category : "not " + category;

    [Fact]
    public void Sexual_violence_told_by_the_act_is_named() => Each(Names("sexual_violence"), new()
    {
        ["sexual_violence"] = Lines("""
            my boyfriend forces sex on me whenever i say no, i'm scared to go home tonight
            my niece is 9 and her stepdad climbed into her bed last night, she told me this morning
            vajza ime 11 vjeçe më tha që xhaxhai hyri në shtratin e saj natën
            my neighbour keeps telling my 12 year old son to sleep with him when i'm at work
            babai i shoqes i tha vajzës sime 10 vjeçe të flejë me të
            shoqja ime u kthye nga festa me fustanin e grisur dhe me gjak në këmbë, nuk flet
            two men are carrying a girl who's passed out from the club into a van right now
            e morën pa ndjenja nga klubi dhe e futën në një makinë
            im trans and three guys cornered me in the toilets saying they want to see what i've got
            jam trans dhe disa djem në palestër më thanë se do më ulin pantallonat të shohin çfarë kam
            kolegu më kap për vithe në korridor dhe qesh
            my boss keeps making comments about my legs in front of customers
            they stripped him naked in the changing room and filmed it
            në konvikt më zhveshën me forcë para shokëve
            three men got into our tent at the campsite and one is pinning my sister down, please come
            më mbajtën për toke dy djem në bodrum dhe s'më linin të ikja
            """),
    });

    [Fact]
    public void The_same_words_in_sleep_sport_a_dance_medicine_a_film_or_a_fall_are_not_sexual_violence() => Each(Names("sexual_violence"), new()
    {
        ["not sexual_violence"] = Lines("""
            my toddler climbed into our bed at 3am again, no sleep for us lol
            my 6 year old had a nightmare so his dad got into his bed to calm him
            my grandpa always lets my little brother sleep with him when there's a storm
            my jeans ripped when i fell off the bike and my knee is bleeding
            the paramedics carried her out unconscious to the ambulance
            dad carried my little sister to the car, she was limp with sleep
            in the film the soldiers carried the unconscious prisoner to a truck
            i'm trans and my doctor wants to check what i have before the surgery
            jam trans dhe mamaja do të shohë çfarë kam blerë për ditëlindjen
            we danced salsa and he held me by the waist, best night ever
            the referee stripped him of the title in front of the crowd
            my son's teacher explained in class why no one should touch your body without asking
            my brothers held me down and tickled me until i cried laughing lol
            the nurse held him down for the injection, he hates needles
            """),
    });

    [Fact]
    public void A_child_meeting_a_grown_up_from_an_app_now_is_sexual_and_digital_violence()
    {
        foreach (var text in Lines("""
            my 13 yo is downstairs getting into the car of a man she met on snapchat, right now
            motra ime 14 vjeçe po takohet tani me një burrë 30 vjeç që e njohu në tiktok, ai e pret me makinë te parku
            """))
        {
            var r = Screen(text);
            Assert.True(r.Severity >= Severity.High, $"\"{text}\": {Why(r)}");
            Assert.Contains("sexual_violence", r.Categories);
            Assert.Contains("digital_violence", r.Categories);
        }
    }

    [Fact]
    public void A_teen_meeting_friends_or_a_team_from_an_app_or_a_parents_question_is_not_sexual_violence() => Each(Names("sexual_violence"), new()
    {
        ["not sexual_violence"] = Lines("""
            my 15 yo is meeting her friend from class at the mall, she met her on instagram
            im 14, we're meeting our online gaming team at the lan party in 10 minutes, so excited
            how do i teach my 12 year old not to meet people from online games?
            """),
    });

    [Fact]
    public void A_place_of_worship_attacked_a_blow_for_where_she_is_from_and_a_cold_shoulder_after_coming_out_are_hate() => Each(Names("hate_violence"), new()
    {
        ["hate_violence"] = Lines("""
            a group of lads is hurling bottles at the synagogue during the service
            po hedhin shishe me bojë mbi kishën e fshatit tani
            since she came out her father won't speak to her or let her in the house
            po e rrahin një burrë me ngjyrë te stacioni dhe i bërtasin për ngjyrën
            """),
    });

    [Fact]
    public void A_storm_history_or_a_move_for_work_are_not_hate() => Each(Names("hate_violence"), new()
    {
        ["not hate_violence"] = Lines("""
            in history class we learned how the church windows were smashed in 1967
            a storm broke the windows of the old church last night
            my cousin moved here because she's from kosovo and found work
            """),
    });

    [Fact]
    public void A_withheld_number_a_tracking_app_and_a_parents_question_about_online_risks_are_digital_violence() => Each(Names("digital_violence"), new()
    {
        ["digital_violence"] = Lines("""
            my ex rings me from a withheld number every night and just stays silent
            my wife tracks my phone with an app and rings me if i'm late by five minutes
            si ta mbroj djalin 9 vjeç nga rreziqet e internetit?
            my son is 10 and wants snapchat, what's the minimum age for it?
            çfarë quhet dhunë dixhitale? e kemi temë në klasë
            """),
    });

    [Fact]
    public void Vans_tracked_at_work_an_age_to_drive_and_fun_games_are_not_digital_violence() => Each(Names("digital_violence"), new()
    {
        ["not digital_violence"] = Lines("""
            we track our delivery vans by gps at work
            what's the minimum age to drive in albania?
            cilat lojëra online janë më argëtuese për fëmijët?
            """),
    });
}
