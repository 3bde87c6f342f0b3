using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger to life or liberty within hours, told without a "now": a threat with its hour, confinement given as a
/// duration, presence by sitting or parking, stalking with someone there; and the euphemisms of rape in a marriage.
/// Each beside the ordinary message it must not raise. The tables are grouped by what the screener must answer; every
/// message of a table is tried and every miss is reported together.
/// </summary>
public sealed class DangerNowTests
{
    [Fact]
    public void Danger_to_life_or_liberty_within_hours_is_critical_and_a_habit_of_threats_high() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] =
        [
            // A threat to kill with its hour, even while he is away.
            "he's at work now but when he comes back tonight he will kill me, he said so",
            "kur të kthehet sonte do më vrasë, ma tha vetë",
            // Confinement given as a duration; held for days.
            "locked in for two days now with no food",
            "jam e mbyllur 3 ditë në bodrum",
            "ka një javë që na mbajnë në një shtëpi në Durrës, s'na lënë të dalim",
            "they have kept me in this room for 3 days",
            "we are 15 and 16, they keep us in a flat in athens and took our phones",
            "jemi 16 e 17 vjeç, na mbajnë në një shtëpi në Itali dhe na kanë marrë pasaportat",
            // Presence: parked at the school against an order with a veiled threat, outside her work, coming with a threat,
            // waiting for a child told to come alone.
            "ish-burri ka parkuar para shkollës së vajzës, e ka urdhër mos t'i afrohet, tha do ta shohësh çka do ndodhë",
            "he tracks my location and he is outside my work now",
            "ai e pa në aplikacion ku jam dhe po vjen, më shkroi që ke 10 minuta jetë. jam te motra",
            "a man from discord is waiting for me at the mall right now, he said come alone. im 13",
            // Being moved: across a border with documents taken and a debt, driven where she does not want to go with her
            // phone taken, put in a car's trunk and driven.
            "we are on a bus to italy, the man who found us the job has our passports and says we owe him for the trip",
            "po na çon me makinë te xhaxhai i tij në fshat, s'dua të shkoj, më ka marrë telefonin",
            "ish-burri më ka futur në bagazhin e veturës, po lëvizim",
            "he shoved me into the trunk of his car and we are driving",
            // An assault seen happening now.
            "a man is dragging a girl into a van outside the shop right now",
            "po e rrahin një vajzë poshtë pallatit, ejani",
        ],
        [Severity.High] =
        [
            // A threat made every time he comes home: serious, not within hours.
            "every time he comes home drunk he threatens to kill me",
        ],
    });

    [Fact]
    public void Self_harm_with_its_means_ready_or_already_done_is_critical() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] =
        [
            // An overdose taken, or a poison swallowed.
            "swallowed a load of my mums sleeping pills 10 min ago, my heart is racing",
            "i pina një pako me barna gjumi, tash po më rrotullohet dhoma",
            "piva bojën e flokëve para 10 minutash, më djeg gryka. jam 14",
            // A plan with its means ready; a dangerous place with a goodbye; a rope tied to a beam with a goodbye.
            "e kam vendosur, sonte pasi të flenë të gjithë, ilaçet i kam mbledhur",
            "the rope is up already, thank you to whoever reads this",
            "standing on the chair now, the belt is round the beam",
            "po shkoj te hekurudha. mos më kërkoni",
            "kam lidhur një litar në tra, dua vetëm të them mirupafshim",
            "i've tied the rope to the beam in the garage. goodbye",
            // A cut deeper than meant that will not stop bleeding.
            "i cut deeper this time and the bleeding won't stop, my shirt is soaked",
        ],
    });

    [Fact]
    public void Violence_told_in_other_words_is_urgent() => Expect.Each(Urgency, new()
    {
        ["urgent"] =
        [
            // Rape in a marriage told as a duty, or as not taking no for an answer (not a negation).
            "he says it's my duty as a wife and takes what he wants at night",
            "burri më merr me forcë natën, thotë që është detyra ime si grua",
            "he never takes no for an answer in bed, i just stopped fighting it",
            // A teacher telling of belt marks seen today: a child at risk, not a question; a teacher who beats the class.
            "jam mësuese, sot pamë shenja rripi në shpinë të një nxënësi të klasës së dytë, tha babi",
            "mësuesi na rrahu sot sepse nuk i bëmë detyrat",
            // Cutting a body part named after "my".
            "been cutting my thighs every night for weeks, nobody knows",
            // A naked call recorded and money asked, otherwise sent to the family.
            "someone recorded our video call while i was naked and wants 500 euro, otherwise he sends it to my family",
            // Hands on her neck.
            "i cant breathe properly he had his hands on my neck a minute ago",
            "he squeezed my throat until i nearly passed out",
        ],
    });

    [Fact]
    public void Each_danger_is_named_for_its_kind() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["domestic_violence"] =
        [
            "he's at work now but when he comes back tonight he will kill me, he said so",
            "kur të kthehet sonte do më vrasë, ma tha vetë",
            "he says it's my duty as a wife and takes what he wants at night",
            "burri më merr me forcë natën, thotë që është detyra ime si grua",
        ],
        ["sexual_violence"] =
        [
            "he says it's my duty as a wife and takes what he wants at night",
            "burri më merr me forcë natën, thotë që është detyra ime si grua",
            "he never takes no for an answer in bed, i just stopped fighting it",
        ],
        ["child_at_risk"] = ["jam mësuese, sot pamë shenja rripi në shpinë të një nxënësi të klasës së dytë, tha babi"],
        ["digital_violence"] = ["someone recorded our video call while i was naked and wants 500 euro, otherwise he sends it to my family"],
        ["trafficking"] = ["we are on a bus to italy, the man who found us the job has our passports and says we owe him for the trip"],
        ["self_harm"] =
        [
            "been cutting my thighs every night for weeks, nobody knows",
            "swallowed a load of my mums sleeping pills 10 min ago, my heart is racing",
            "i pina një pako me barna gjumi, tash po më rrotullohet dhoma",
            "standing on the chair now, the belt is round the beam",
            "po shkoj te hekurudha. mos më kërkoni",
            "piva bojën e flokëve para 10 minutash, më djeg gryka. jam 14",
            "kam lidhur një litar në tra, dua vetëm të them mirupafshim",
            "i've tied the rope to the beam in the garage. goodbye",
            "i cut deeper this time and the bleeding won't stop, my shirt is soaked",
        ],
    });

    [Fact]
    public void A_child_at_risk_is_taken_for_a_child() => Expect.Each(Writer, new()
    {
        ["a child"] =
        [
            "we are 15 and 16, they keep us in a flat in athens and took our phones",
            "jemi 16 e 17 vjeç, na mbajnë në një shtëpi në Itali dhe na kanë marrë pasaportat",
            "a man from discord is waiting for me at the mall right now, he said come alone. im 13",
            "jam mësuese, sot pamë shenja rripi në shpinë të një nxënësi të klasës së dytë, tha babi",
        ],
    });

    [Fact]
    public void The_ordinary_messages_beside_them_are_not_urgent() => Expect.Each(Urgency, new()
    {
        ["not urgent"] =
        [
            // Night duties and a lift home are not coercion.
            "my husband and i share the night duties with the baby",
            "burri im më merr me makinë natën nga puna",
            // A mother who will not let her child out of her sight is not confinement; a family drive is not being taken.
            "my mum won't let me out of her sight since we watched that film 😂",
            "po na çon mami te gjyshja me makinë, s'dua të shkoj se mërzitem",
            // A student asking for figures, and a question whether the service helps men, stay questions.
            "jam studente, po shkruaj një punim për dhunën ndaj fëmijëve, a keni statistika?",
            "a ndihmoni edhe burrat apo vetëm gratë?",
            // Luggage in a trunk.
            "i put the shopping in the trunk of the car",
            "e futa valixhen në bagazh të makinës",
            // School, gym and work hyperbole; the heat as the doer; medicine as the doctor gave it.
            "the chemistry teacher absolutely tortured us with a three hour test today",
            "mësuesja e kimisë na torturoi me një test 3 orësh",
            "my personal trainer literally tortured me with burpees today",
            "shefi m'ka mbyt me punë këtë javë",
            "doktori më tha ta marr insulinën para ngrënies, a mund të ha ëmbëlsirë?",
            "kjo vapë po më mbyt sot në punë",
            "ilaçin e zemrës e pi një herë në ditë si ma ka dhënë doktori, a mund ta pi me çaj?",
        ],
    });

    [Fact]
    public void Closed_shops_a_week_with_the_flu_a_cat_s_toy_and_everyday_phrases_are_nothing() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] =
        [
            "the shop was closed for two days",
            "dyqani ishte mbyllur 3 ditë për festat",
            "ka një javë që jam në shtëpi me grip",
            "the cat is dragging a toy around the house",
            "you'll see what i mean when you try it",
            "i'd rather be at home tonight honestly",
        ],
    });

    [Theory]
    [InlineData("my gran says she'll kill me with kindness when i visit")]
    [InlineData("my brother was in a cannabis farm in the uk 5 years ago, he's home and fine now. does he have any right to compensation?")]
    public void An_idiom_or_a_past_that_is_over_is_not_urgent(string text) => Screened.Below(Severity.High, text);

    [Fact]
    public void A_former_husband_parked_at_the_school_is_present()
    {
        var result = Screen("ish-burri ka parkuar para shkollës së vajzës, e ka urdhër mos t'i afrohet, tha do ta shohësh çka do ndodhë");
        Assert.True(result.Immediacy.HasFlag(Immediacy.Presence), Why(result));
    }

    [Fact]
    public void Asking_whether_the_service_also_helps_men_is_not_a_plea()
    {
        var result = Screen("a ndihmoni edhe burrat apo vetëm gratë?");
        Assert.False(result.Immediacy.HasFlag(Immediacy.Plea), Why(result));
    }

    [Theory]
    [InlineData("the chemistry teacher absolutely tortured us with a three hour test today")]
    [InlineData("mësuesja e kimisë na torturoi me një test 3 orësh")]
    public void A_teacher_s_hard_test_is_school_hyperbole_of_no_category(string text) => Assert.Empty(Screen(text).Categories);

    /// <summary>How urgent the screener finds a message, in the bands the tables speak of.</summary>
    private static string Urgency(string text) => SeverityOf(text) switch
    {
        >= Severity.High => "urgent",
        Severity.Medium => "medium",
        _ => "not urgent",
    };

    private static string Writer(string text) => Screen(text).Minor ? "a child" : "not known to be a child";
}
