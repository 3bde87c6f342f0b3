using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Sexual violence and exploitation told without its usual words, as new writers put it: sex asked of a worker as the
/// price of her job, a partner who holds her down when she says no, an adult from a game or an app waiting for a child,
/// pornography shown to a child, a drunk girl being got into a car, children taken one by one at night, touching told as
/// inappropriate, a child's clothes being taken off, a shower video with a price. Each is read with the opinion and by
/// the rules alone; beside each the look-alike that must stay out: the cleaner sent to clean the rooms, overtime, a
/// toddler's no, a parent's safety question, a date between adults, friends taking a drunk friend home, medicine at
/// night, a doctor's ordinary exam, a bath, a plumber's video, a film.
/// </summary>
public sealed class UnwordedSexualViolenceTests
{
    /// <summary>"sexual_violence" when the message is put in it at high or above, else its severity and categories.</summary>
    private static string SexualAtHigh(ScreeningResult r) =>
        r.Severity >= Severity.High && r.Categories.Contains("sexual_violence") ? "sexual_violence"
            : $"{r.Severity} {string.Join(",", r.Categories)}";

    private static string Sexual(ScreeningResult r) => r.Categories.Contains("sexual_violence") ? "sexual_violence" : "not sexual";

    [Fact]
    public void Sex_asked_as_the_price_of_the_job_or_told_by_a_no_overridden_is_sexual_violence() => Each(SexualAtHigh, new()
    {
        ["sexual_violence"] = Lines("""
            the hostel owner sends me to some guests' rooms at night and says that's how i keep my job
            my supervisor said i have to be nice to the boss if i want to keep my room in the staff house
            pronari i bujtinës më dërgon në dhomat e disa mysafirëve natën dhe thotë që vetëm kështu e mbaj punën
            pronari i bujtines me dergon ne dhomat e disa mysafireve naten, thote qe vetem keshtu e mbaj punen
            whenever i tell him no he holds me down and does it anyway, we've been married six years
            sa herë i them jo më mban poshtë me forcë
            sa her i thom jo m'mban poshtë e e bon njëlloj
            """),
    });

    [Fact]
    public void The_price_and_the_no_rules_leave_ordinary_work_and_a_small_childs_no_alone() => Each(SexualAtHigh, new()
    {
        ["None "] = Lines("""
            my manager sends me to clean the guests' rooms every morning
            shefja më dërgon në dhomat e klientëve për t'i pastruar çdo mëngjes
            my boss asked me to stay for overtime to keep the project on track
            you have to be nice to the guests if you want to keep this job, they leave reviews
            when i say no to candy my toddler does it anyway lol
            """),
    });

    [Fact]
    public void An_adult_from_online_waiting_for_a_child_or_pornography_shown_to_one_is_sexual_violence()
    {
        Each(SexualAtHigh, new()
        {
            ["sexual_violence"] = Lines("""
                i'm 12, a man from fortnite told me to come to the playground and he's waiting there now
                vajza ime 13 vjeç po takohet tani me një burrë nga tiktoku te stacioni
                i'm 13 and my stepdad showed me porn on his laptop and said we should try it together
                njerku i tregoi vajzës sime 11 vjeç video porno në telefon
                """),
        });
        // the man waiting now is a child with an adult now: critical, and an online contact's
        foreach (var text in Lines("""
            i'm 12, a man from fortnite told me to come to the playground and he's waiting there now
            vajza ime 13 vjec po takohet tani me nje burre nga tiktoku te stacioni
            """))
        {
            Is(Severity.Critical, text, "sexual_violence", "digital_violence", "child_at_risk");
        }
    }

    [Fact]
    public void A_parents_safety_question_a_sex_education_question_and_adults_are_not_read_as_a_child_groomed() => Each(Sexual, new()
    {
        ["not sexual"] = Lines("""
            how do i teach my 8 year old not to meet people from roblox
            how do i talk to my 14 year old son about porn, nothing happened
            at what age should sex education start in school? my daughter is 10
            my boyfriend and i watched porn together last night, is that normal?
            my boyfriend showed me porn and asked if we could try it, i'm 24
            a guy i met on instagram is waiting for me at the cafe, i'm 29 and so nervous
            """),
    });

    [Fact]
    public void A_drunk_girl_got_into_a_car_children_taken_one_by_one_at_night_and_clothes_taken_off_a_child_are_critical()
    {
        foreach (var text in Lines("""
            some guy is pulling my drunk friend (15) into his car, she can barely stand
            nje djale po e terheq shoqen e dehur ne taksi vetem me te
            kam 14 vjeç, në konvikt një edukator natën na thërret në zyrë një nga një
            shoku i xhaxhait është në dhomën e motrës sime 10 vjeç dhe po i heq rrobat
            """))
        {
            Is(Severity.Critical, text, "sexual_violence");
        }
    }

    [Fact]
    public void Friends_taking_a_drunk_friend_home_medicine_at_night_a_bath_and_a_film_are_not_sexual_violence() => Each(Sexual, new()
    {
        ["not sexual"] = Lines("""
            we put our drunk friend in a taxi home with her sister
            the nurse gives us our medicine one by one at night
            mami po i heq rrobat motrës për banjë
            we watched a film where a man drugs a woman and drags her into a car alone
            """),
    });

    [Fact]
    public void Touching_told_as_inappropriate_is_high_a_doctors_ordinary_exam_is_nothing()
    {
        Each(SexualAtHigh, new()
        {
            ["sexual_violence"] = Lines("""
                a doctor touched me inappropriately during an exam last week, i'm 20
                një mjek më preku në mënyrë të pahijshme gjatë vizitës dje
                """),
            ["None "] = Lines("""
                the doctor touched my belly during the exam and said everything is normal
                """),
        });
    }

    [Fact]
    public void A_video_from_the_shower_with_a_price_is_sextortion_a_plumbers_video_is_not() => Each(r => $"{r.Severity} {string.Join(",", r.Categories)}", new()
    {
        ["High digital_violence"] = Lines("""
            kanë një video timen në dush dhe kërkojnë 200 euro deri të dielën
            kane nje video te mia ne dush dhe kerkojne 200 euro
            """),
        ["None "] = Lines("""
            a video of the new shower installation, the plumber wants 300 euro
            kam një video të dushit të ri, hidrauliku kërkon 300 euro
            """),
    });
}
