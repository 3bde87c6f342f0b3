using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Hate violence missed where the message says who she is by the people or faith she belongs to (Roma, Ashkali, a
/// headscarf worn), by a gender word the cue lacked (nonbinary, intersex), by "go back to Africa" said to her, or by
/// being held back, seated apart or kept out for it; and the look-alikes where the same words stand beside a relative's
/// blow, a blow for money to be brought, or everyday life. Each read with the opinion and by the rules alone.
/// </summary>
public sealed class HateToldByWhoSheIsTests
{
    private static string HateOr(ScreeningResult r) => r.Categories.Contains("hate_violence") ? "hate" : "no hate";

    [Fact]
    public void A_strangers_blow_to_someone_named_by_her_people_or_faith_is_hate() => Each(HateOr, new()
    {
        ["hate"] = Lines("""
            three lads are kicking a roma man outside the bakery right now, he's on the ground
            dy burra po e godasin një grua me shami te stacioni i autobusit, ajo po qan
            jemi ashkali. sonte disa të panjohur na thyen dritaret me gurë
            a man in the lift tore off my headscarf and kicked me
            a man at the market grabbed my headscarf and shoved me into a stall, he's still shouting at me
            jam nonbinary dhe dy djem më ndoqën nga shkolla deri te pallati, tani janë poshtë
            na goditën me shishe se u kapëm për dore në shëtitore
            they hit me and said go back to africa
            they yelled at us to go back to our own country and threw stones at the car
            më thanë të kthehem në Afrikë dhe më goditën me shkop
            """),
    });

    [Fact]
    public void Kept_out_seated_apart_or_thrown_out_for_who_she_is_is_hate() => Each(HateOr, new()
    {
        ["hate"] = Lines("""
            mësuesi i ul fëmijët romë veç në fund të klasës
            pronari i pishinës nuk i lejon vajzat rome të hyjnë në ujë
            the two gypsy girls are always made to sit in the corner of the canteen
            they keep sitting the roma pupils at the back of the room, apart from the rest
            i got kicked out of home for being intersex, sleeping in my car
            """),
    });

    [Fact]
    public void A_relatives_blow_a_blow_for_money_and_everyday_life_beside_the_same_words_are_no_hate() => Each(HateOr, new()
    {
        ["no hate"] = Lines("""
            my father slapped me for taking off my headscarf at school
            babai më rrahu se dola pa shami
            burri më goditi dje, ai është mysliman e unë e krishterë
            a man hits the roma kids who wash car windows at the lights if they bring him too little money
            një burrë i rreh fëmijët romë që lypin te semafori nëse s'i sjellin mjaft lekë
            my dad kicked me out for failing my exams
            dy burra po e rrahin një djalë te stacioni
            """),
    });

    /// <summary>
    /// The same words where nothing is done for who she is: workers who want to go home, a trip of one's own, an old
    /// people's home ("azil"), a thief after a purse, a seat near someone, a child seated apart for chatting.
    /// </summary>
    [Fact]
    public void A_wish_to_go_home_a_trip_a_theft_or_a_seat_near_someone_are_no_hate() => Each(HateOr, new()
    {
        ["no hate"] = Lines("""
            we are six workers from bangladesh, the owner keeps our wages and hits us, all we want is to go back to our country
            një djalë më shtyu në autobus, javën tjetër do të shkoj në Turqi për pushime
            vajza më tha se do më çojë në azil se s'ka kohë për mua
            jam me shami dhe një hajdut më rrëmbeu kuletën e më rrëzoi te tregu
            at the concert we sat in the back corner near a gay couple, amazing night
            mësuesi e vendosi djalin tim veç në fund se bisedonte me një shok rom
            """),
    });

    [Fact]
    public void The_people_faith_or_a_scarf_named_in_everyday_life_raise_nothing() => StayQuiet(Lines("""
            the roma family next door had a lovely wedding, music all night
            bleva dy shami në treg për nënën
            nëna ime mban shami dhe shkon në xhami të premteve
            my muslim neighbour brought us baklava for eid
            we're roma and my son just got into university, so proud
            jemi romë nga Fieri, a ka kurse falas për gra?
            the boys at school sat at the back of the bus singing
            sot në klasë e ula djalin në fund se fliste shumë
            the roma boys in our team beat the champions 3-0
            """), r => r.Categories.Count > 0);
}
