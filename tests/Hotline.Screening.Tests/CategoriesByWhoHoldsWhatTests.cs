using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Categories told by who does what to whom, and through which medium: papers kept by her own husband or a relative are
/// the household's hold, not exploitation, unless a debt, work, a journey or a marriage being arranged is named beside
/// them; a partner who lends her to his friends, or a relative who says whom she will marry, is exploitation; her photo
/// posted in a group, her address left in the comments, her own pictures sent back by a stranger, anonymous accounts
/// threatening her are digital violence; "go back to Africa", monkey noises and slurs shouted at her are hate. Each read
/// with the opinion and by the rules alone, beside the everyday look-alikes the same words tell.
/// </summary>
public sealed class CategoriesByWhoHoldsWhatTests
{
    private static readonly Screener[] Both = [Screener.Default, Screener.RulesOnly];

    private static void Category(string category, string[] named, string[] notNamed)
    {
        foreach (var screener in Both)
            Expect.Each(text => screener.Screen(text).Categories.Contains(category), new() { [true] = named, [false] = notNamed });
    }

    [Fact]
    public void Papers_kept_by_her_husband_or_a_relative_are_the_households_hold_not_trafficking()
    {
        var household = Lines("""
            my husband keeps my passport locked in his desk and won't let me call my sister
            vjehrra ma ka fshehur pasaportën që të mos shkoj te prindërit
            my brothers hid my id card after i told them i'm moving out
            burri më mori letërnjoftimin dhe tha që nuk del më nga shtëpia
            """);
        foreach (var screener in Both)
        {
            Expect.Each(text => screener.Screen(text).Categories.Contains("trafficking"), new() { [false] = household });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { ["domestic_violence"] = household });
        }
    }

    [Fact]
    public void Papers_kept_beside_a_debt_work_a_journey_or_a_stranger_stay_trafficking() =>
        Category("trafficking", Lines("""
            i owe my cousin for the crossing and he keeps my passport until i've paid
            my husband took my passport and makes me work in his uncle's bakery for nothing
            the man who drives us keeps our passports and says we cross tonight
            my uncle says i'm marrying his friend's son in august and he has my passport
            """), Lines("""
            my sister says she's marrying her best friend in june
            i keep my own passport in the drawer by the door
            """));

    [Fact]
    public void A_partner_who_lends_her_to_his_friends_or_makes_her_go_out_with_them_to_pay_is_sexual_exploitation()
    {
        string[] lent = Lines("""
            my boyfriend says i have to entertain his friends to pay for the room
            her husband lends her to his mates when he owes them
            i dashuri më thotë të rri me shokët e tij që të paguajmë qiranë
            """);
        string[] everyday = Lines("""
            he lent his car to his friends for the weekend
            we have to entertain his friends at dinner on saturday, i'm cooking
            i dashuri më thotë të dal me shokët e tij në kinema sonte
            """);
        Category("trafficking", lent, everyday);
        foreach (var screener in Both)
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { ["sexual_violence"] = lent });
        // the embedded opinion (2026.12.16+7840) names sexual violence on its own where the rules read nothing (a car lent,
        // a night at the cinema with his friends): the opinion's naming, not these rules'
        Expect.Each(text => Screener.RulesOnly.Screen(text).Categories.Contains("sexual_violence"), new() { [false] = everyday });
    }

    [Fact]
    public void Her_photo_posted_her_address_in_the_comments_her_own_pictures_sent_by_a_stranger_are_digital_violence() =>
        Category("digital_violence", Lines("""
            dikush postoi një foto timen duke qarë në grupin e klasës
            someone put my home address in the comments under my video
            dikush hodhi adresën time në komentet e postimit tim
            a stranger keeps sending me my own photos from the gym
            një numër i panjohur më dërgon fotot e mia nga dasma
            disa llogari anonime më shkruajnë që do të më gjejmë
            """), Lines("""
            my sister posted a photo of me in the family group, so cute
            motra postoi një foto timen nga ditëlindja, shumë e bukur
            i put my address in the comments so the seller could send the parcel
            we visited the spy museum, all the surveillance stuff was creepy
            """));

    [Fact]
    public void A_tracker_put_on_her_a_photo_taken_and_posted_threats_on_a_platform_memes_of_her_are_digital_violence() =>
        Category("digital_violence", Lines("""
            ish-burri ma ka vënë një gjurmues në makinë
            i dashuri më ka vu gps n'telefon pa më pyetur
            një djalë ma fotografoi fytyrën në autobus dhe e postoi në grupin e tij
            he took a photo of me asleep on the train and posted it in his group chat
            po më kërcënojnë në instagram që do të më gjejnë
            më bëjnë meme në grupin e klasës çdo ditë
            """), Lines("""
            kompania vuri gjurmues gps në kamionët e dyqanit
            my friend took a photo of my cake and posted it in the family group
            në grupin e klasës ndajmë meme për mësuesit
            """));

    [Fact]
    public void A_question_whether_someone_has_put_a_tracker_on_her_is_a_question_not_a_tracker_found()
    {
        // the subject is named (low digital_violence by the topic), not a tracker she says was put on her (medium)
        foreach (var screener in Both)
            Assert.True(screener.Screen("a ka ndonjë aplikacion që tregon nëse dikush më ka vënë gjurmues?").Severity < Severity.Medium);
    }

    [Fact]
    public void Told_to_go_back_to_africa_monkey_noises_and_a_slur_are_hate_violence() =>
        Category("hate_violence", Lines("""
            the man upstairs shouts 'go back to africa' whenever he sees my kids
            fqinjët na thonë 'kthehuni në Afrikë' sa herë dalim
            two boys made monkey noises at me in the canteen
            na shkruan 'jevg' në derë çdo natë
            """), Lines("""
            we'll go back to egypt for the holidays next summer
            the kids made monkey noises at the zoo, so funny
            after the trip we had to go back to india to see grandma
            """));

    [Fact]
    public void A_dress_pulled_off_a_chair_by_a_puppy_is_nothing_and_an_undressing_forced_is_no_forced_work()
    {
        foreach (var screener in Both)
        {
            Assert.Empty(screener.Screen("my puppy pulled my dress off the chair lol").Categories);
            var forced = screener.Screen("he forced me to undress in his office");
            Assert.Contains("sexual_violence", forced.Categories);
            Assert.DoesNotContain("trafficking", forced.Categories);
        }
    }

    [Fact]
    public void Papers_kept_by_a_relative_who_sends_her_to_work_or_takes_what_she_earns_are_exploitation()
    {
        var exploited = Lines("""
            my uncle keeps my passport and takes every euro i earn at the car wash
            my brother has my id and sends me out to sell flowers at the station, i never see any money
            daja ma mban pasaportën dhe më dërgon të shes në treg, paratë m'i merr të gjitha
            halla ma ka marrë letërnjoftimin e më çon me punu te fqinjët, rrogën ma merr ajo
            """);
        Category("trafficking", named: exploited, notNamed: Lines("""
            my husband hides my passport so i can't visit my parents
            vëllai ma fshehu pasaportën që të mos iki nga shtëpia
            """));
        // chores at home and a relative's own wage name no exploitation
        StayQuiet(Lines("""
            my mum makes me wash the dishes and keeps the change from the shop
            mami më dërgon të laj enët pas darke
            my dad sends me out to buy bread every morning and keeps the receipts
            """), AnyCategory);
    }

    [Fact]
    public void The_households_reading_of_a_hold_moves_the_category_never_the_severity()
    {
        // a harm with its hour or a journey under way is as urgent whoever holds the papers
        StayAt(Severity.Critical, "domestic_violence", Lines("""
            my husband took my passport and our son's, tonight we fly to tirana and he says we stay there for good. he locked the door
            burri ma mori pasaportën dhe të vajzës, sonte fluturojmë për në Shqipëri e s'kthehemi më, e ka kyçur derën
            """));
        // several girls brought to a house, the first clients tonight: exploitation, whoever keeps the passports
        foreach (var text in Lines("""
            they brought us to a house by the lake, four of us, the youngest is 15. the first clients come tonight. our uncle has the passports
            na sollën në një shtëpi jashtë qytetit, jemi tri vajza, njëra 16 vjeç. sonte vijnë klientët e parë, pasaportat i ka daja
            """))
        {
            foreach (var screener in Both)
            {
                var r = screener.Screen(text);
                Assert.Equal(Severity.Critical, r.Severity);
                Assert.Contains("trafficking", r.Categories);
            }
        }
        StayQuiet(Lines("""
            our parents brought us to a villa by the sea for the summer, the first guests arrive tomorrow
            we were brought to a hotel by the lake for my cousin's wedding, the first guests come tonight
            """), AnyCategory);
    }

    [Fact]
    public void A_familys_own_passports_kept_safe_are_no_hold()
    {
        StayQuiet(Lines("""
            my gran keeps our passports in a folder so nobody loses them before the holiday
            my wife keeps both our passports in her handbag at the airport
            gjyshja i mban pasaportat tona në dosje para pushimeve
            babi i mban pasaportat tona në sirtar që të mos humbasin kur udhëtojmë
            how do families keep the passports safe when they travel?
            """), AnyCategory);
        // her own papers kept from her, a boss's hold or a debt stay holds; a blow beside the drawer is still told
        StayAtLeast(Severity.High, Lines("""
            my husband keeps our passports and won't give mine back when i ask
            the farm owner keeps our passports in his safe until the season ends
            the boss keeps our passports in a drawer and says we owe him for the flights
            mum keeps our passports in the drawer when we travel and dad beats me when he drinks
            """));
    }
}
