using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger to life or liberty within hours, told without a "now": a threat with its hour, confinement given as a
/// duration, presence by sitting or parking, stalking with someone there; and the euphemisms of rape in a marriage.
/// Each beside the ordinary message it must not raise.
/// </summary>
public sealed class DangerNowTests
{
    [Theory]
    [InlineData("he's at work now but when he comes back tonight he will kill me, he said so")]
    [InlineData("kur të kthehet sonte do më vrasë, ma tha vetë")]
    public void A_threat_to_kill_with_its_hour_is_critical_even_while_he_is_away(string text) =>
        Screened.Is(Severity.Critical, text, "domestic_violence");

    [Fact]
    public void A_threat_made_every_time_he_comes_home_stays_high() =>
        Screened.Is(Severity.High, "every time he comes home drunk he threatens to kill me");

    [Theory]
    [InlineData("he says it's my duty as a wife and takes what he wants at night")]
    [InlineData("burri më merr me forcë natën, thotë që është detyra ime si grua")]
    public void Rape_in_a_marriage_told_as_a_duty_is_sexual_and_domestic_violence(string text) =>
        Screened.AtLeast(Severity.High, text, "sexual_violence", "domestic_violence");

    [Theory]
    [InlineData("my husband and i share the night duties with the baby")]
    [InlineData("burri im më merr me makinë natën nga puna")]
    public void Night_duties_and_a_lift_home_are_not_coercion(string text) => Screened.Below(Severity.Medium, text);

    [Theory]
    [InlineData("locked in for two days now with no food")]
    [InlineData("jam e mbyllur 3 ditë në bodrum")]
    public void Confinement_given_as_a_duration_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Theory]
    [InlineData("the shop was closed for two days")]
    [InlineData("dyqani ishte mbyllur 3 ditë për festat")]
    public void A_shop_closed_for_days_is_not_confinement(string text) => Screened.Is(Severity.None, text);

    [Fact]
    public void A_former_husband_parked_at_the_school_against_an_order_with_a_veiled_threat_is_critical()
    {
        var result = Screen("ish-burri ka parkuar para shkollës së vajzës, e ka urdhër mos t'i afrohet, tha do ta shohësh çka do ndodhë");
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.True(result.Immediacy.HasFlag(Immediacy.Presence), Why(result));
    }

    [Fact]
    public void Someone_who_tracks_her_location_and_is_outside_now_is_critical() =>
        Screened.Is(Severity.Critical, "he tracks my location and he is outside my work now");

    [Fact]
    public void A_teacher_telling_of_belt_marks_seen_today_is_a_child_at_risk_not_a_question() =>
        Assert.True(Screened.AtLeast(Severity.High, "jam mësuese, sot pamë shenja rripi në shpinë të një nxënësi të klasës së dytë, tha babi", "child_at_risk").Minor);

    [Fact]
    public void A_student_asking_for_figures_stays_a_question() =>
        Screened.Below(Severity.Medium, "jam studente, po shkruaj një punim për dhunën ndaj fëmijëve, a keni statistika?");

    [Fact]
    public void Asking_whether_the_service_also_helps_men_is_not_a_plea()
    {
        var result = Screen("a ndihmoni edhe burrat apo vetëm gratë?");
        Assert.True(result.Severity < Severity.Medium, Why(result));
        Assert.False(result.Immediacy.HasFlag(Immediacy.Plea), Why(result));
    }

    [Fact]
    public void Cutting_a_body_part_named_after_my_is_self_injury() =>
        Screened.AtLeast(Severity.High, "been cutting my thighs every night for weeks, nobody knows", "self_harm");

    [Fact]
    public void A_mother_who_will_not_let_her_child_out_of_her_sight_is_not_confinement() =>
        Screened.Below(Severity.Medium, "my mum won't let me out of her sight since we watched that film 😂");

    [Fact]
    public void A_naked_call_recorded_and_money_asked_otherwise_sent_to_family_is_sextortion() =>
        Screened.AtLeast(Severity.High, "someone recorded our video call while i was naked and wants 500 euro, otherwise he sends it to my family", "digital_violence");

    [Theory]
    [InlineData("you'll see what i mean when you try it")]
    [InlineData("i'd rather be at home tonight honestly")]
    public void Everyday_phrases_near_the_new_patterns_stay_quiet(string text) => Screened.Is(Severity.None, text);

    [Fact]
    public void Someone_coming_with_a_threat_is_critical_even_when_she_is_at_her_sister_s() =>
        Screened.Is(Severity.Critical, "ai e pa në aplikacion ku jam dhe po vjen, më shkroi që ke 10 minuta jetë. jam te motra");

    [Fact]
    public void Not_taking_no_for_an_answer_in_bed_is_rape_in_a_marriage_not_a_negation() =>
        Screened.AtLeast(Severity.High, "he never takes no for an answer in bed, i just stopped fighting it", "sexual_violence");

    [Fact]
    public void Being_moved_across_a_border_with_documents_taken_and_a_debt_is_critical_trafficking() =>
        Screened.Is(Severity.Critical, "we are on a bus to italy, the man who found us the job has our passports and says we owe him for the trip", "trafficking");

    [Theory]
    [InlineData("a man is dragging a girl into a van outside the shop right now")]
    [InlineData("po e rrahin një vajzë poshtë pallatit, ejani")]
    public void An_assault_seen_happening_now_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Fact]
    public void A_cat_dragging_a_toy_is_nothing()
    {
        Assert.Equal(Severity.None, Screen("the cat is dragging a toy around the house").Severity);
    }

    [Theory]
    [InlineData("we are 15 and 16, they keep us in a flat in athens and took our phones")]
    [InlineData("jemi 16 e 17 vjeç, na mbajnë në një shtëpi në Itali dhe na kanë marrë pasaportat")]
    public void Minors_held_abroad_are_critical(string text) => Assert.True(Screened.Is(Severity.Critical, text).Minor);

    [Theory]
    [InlineData("ka një javë që na mbajnë në një shtëpi në Durrës, s'na lënë të dalim")]
    [InlineData("they have kept me in this room for 3 days")]
    public void Held_for_days_is_danger_to_liberty_now(string text)
    {
        Assert.Equal(Severity.Critical, Screen(text).Severity);
    }

    [Fact]
    public void A_week_at_home_with_the_flu_is_nothing()
    {
        Assert.Equal(Severity.None, Screen("ka një javë që jam në shtëpi me grip").Severity);
    }

    [Fact]
    public void Being_driven_where_she_does_not_want_to_go_with_her_phone_taken_is_critical() =>
        Screened.Is(Severity.Critical, "po na çon me makinë te xhaxhai i tij në fshat, s'dua të shkoj, më ka marrë telefonin");

    [Fact]
    public void A_child_who_does_not_want_to_go_on_a_family_drive_is_not_being_taken()
    {
        Assert.True(Screen("po na çon mami te gjyshja me makinë, s'dua të shkoj se mërzitem").Severity < Severity.Medium);
    }

    [Theory]
    [InlineData("the chemistry teacher absolutely tortured us with a three hour test today")]
    [InlineData("mësuesja e kimisë na torturoi me një test 3 orësh")]
    public void A_teacher_s_hard_test_is_school_hyperbole(string text)
    {
        var result = Screen(text);
        Assert.True(result.Severity < Severity.Medium, Why(result));
        Assert.Empty(result.Categories);
    }

    [Fact]
    public void A_teacher_who_beats_the_class_is_still_violence() =>
        Screened.AtLeast(Severity.High, "mësuesi na rrahu sot sepse nuk i bëmë detyrat");

    [Theory]
    [InlineData("swallowed a load of my mums sleeping pills 10 min ago, my heart is racing")]
    [InlineData("i pina një pako me barna gjumi, tash po më rrotullohet dhoma")]
    public void An_overdose_taken_is_critical(string text) => Screened.Is(Severity.Critical, text, "self_harm");

    [Theory]
    [InlineData("e kam vendosur, sonte pasi të flenë të gjithë, ilaçet i kam mbledhur")]
    [InlineData("the rope is up already, thank you to whoever reads this")]
    public void A_plan_with_its_means_ready_is_critical(string text)
    {
        Assert.Equal(Severity.Critical, Screen(text).Severity);
    }

    [Theory]
    [InlineData("my gran says she'll kill me with kindness when i visit")]
    [InlineData("my brother was in a cannabis farm in the uk 5 years ago, he's home and fine now. does he have any right to compensation?")]
    public void An_idiom_or_a_past_that_is_over_is_not_urgent(string text) => Screened.Below(Severity.High, text);

    [Theory]
    [InlineData("standing on the chair now, the belt is round the beam")]
    [InlineData("po shkoj te hekurudha. mos më kërkoni")]
    [InlineData("piva bojën e flokëve para 10 minutash, më djeg gryka. jam 14")]
    public void Means_ready_a_dangerous_place_with_a_goodbye_or_a_poison_swallowed_is_critical(string text) =>
        Screened.Is(Severity.Critical, text, "self_harm");

    [Fact]
    public void A_child_told_to_come_alone_by_someone_waiting_now_is_critical() =>
        Assert.True(Screened.Is(Severity.Critical, "a man from discord is waiting for me at the mall right now, he said come alone. im 13").Minor);

    [Theory]
    [InlineData("my personal trainer literally tortured me with burpees today")]
    [InlineData("shefi m'ka mbyt me punë këtë javë")]
    [InlineData("doktori më tha ta marr insulinën para ngrënies, a mund të ha ëmbëlsirë?")]
    public void A_coach_s_workout_a_boss_s_week_and_a_doctor_s_insulin_are_not_urgent(string text) => Screened.Below(Severity.Medium, text);

    [Theory]
    [InlineData("ish-burri më ka futur në bagazhin e veturës, po lëvizim")]
    [InlineData("he shoved me into the trunk of his car and we are driving")]
    public void Put_in_a_car_s_trunk_and_driven_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Theory]
    [InlineData("i put the shopping in the trunk of the car")]
    [InlineData("e futa valixhen në bagazh të makinës")]
    public void Luggage_in_a_trunk_is_not_urgent(string text) => Screened.Below(Severity.Medium, text);

    [Theory]
    [InlineData("kam lidhur një litar në tra, dua vetëm të them mirupafshim")]
    [InlineData("i've tied the rope to the beam in the garage. goodbye")]
    public void A_rope_tied_to_a_beam_with_a_goodbye_is_critical(string text) => Screened.Is(Severity.Critical, text, "self_harm");

    [Fact]
    public void A_cut_deeper_than_meant_that_will_not_stop_bleeding_is_critical() =>
        Screened.Is(Severity.Critical, "i cut deeper this time and the bleeding won't stop, my shirt is soaked", "self_harm");

    [Theory]
    [InlineData("kjo vapë po më mbyt sot në punë")]
    [InlineData("ilaçin e zemrës e pi një herë në ditë si ma ka dhënë doktori, a mund ta pi me çaj?")]
    public void The_heat_as_the_doer_and_medicine_as_the_doctor_gave_it_are_not_urgent(string text) => Screened.Below(Severity.Medium, text);

    [Theory]
    [InlineData("i cant breathe properly he had his hands on my neck a minute ago")]
    [InlineData("he squeezed my throat until i nearly passed out")]
    public void Hands_on_her_neck_is_violence_told_in_other_words(string text) => Screened.AtLeast(Severity.High, text);
}
