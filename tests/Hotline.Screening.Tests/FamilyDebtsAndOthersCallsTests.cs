using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Two rules narrowed at their cause (lexicon 2026.12.41). A debt owed to one's own brother, sister, parents or in-law,
/// a favour owed, and "më tha t'ia kthej" (told me to pay him back) are no debt bondage and no threat of being sent
/// back; a debt to work off, papers kept, "they will send us back" still are. Someone else on a work call, in a meeting
/// or asleep beside her is no one present to harm her; he, a partner or a stranger beside her while she cannot talk is
/// still a covert call. Each is read with and without the learned opinion: the rules alone made both false alarms.
/// </summary>
public sealed class FamilyDebtsAndOthersCallsTests
{
    private static readonly string[] DebtsToWorkOff = Lines("""
        I have to work off the debt for the trip, they keep my passport
        they say I owe them for the boat and I must work for them for free until it's paid
        he says i owe him for the flight and i have to work for nothing till the debt is paid
        i owe my uncle for the trip and he keeps my passport until i pay
        duhet ta shlyej borxhin e rrugës me punë, ma kanë marrë pasaportën
        më thonë që kam borxh për udhëtimin dhe detyrohem të punoj pa pagesë derisa ta shlyej
        me thone qe kam borxh per udhetimin dhe detyrohem te punoj pa pagese derisa ta shlyej
        m thojn qe kom borxh per rrugen e duhet me punu deri sa ta laj, pasaporten e kan ata
        pronari thotë se do na kthejnë në Shqipëri nëse ankohemi
        shefi kërcënon se do na dëbojnë nëse flasim me dikë
        """);

    private static readonly string[] FamilyDebtsAndFavours = Lines("""
        i kam borxh vëllait për biletën e avionit, do t'ia kthej muajin tjetër
        kam marrë borxh nga babai për makinën, më tha t'ia kthej pak nga pak
        tezes i kam borxh 50 euro per dhuraten e dasmes
        i still owe my sister for the rent this month
        I owe my parents for the trip to Rome, they said no rush
        I owe my gran for the plane tickets, she won't take the money back
        my cousin says I owe her a coffee for helping me move
        """);

    private static readonly string[] CovertCalls = Lines("""
        he's in the next room, i can't talk, come to rruga e durresit 12
        he is listening, i can't talk
        he is next to me, i can't talk
        he's right beside me, can't talk, please send someone
        my husband is next to me on a call, can't talk
        ai është në dhomën tjetër, s'mund të flas, ejani
        """);

    private static readonly string[] SomeoneElseBusyBeside = Lines("""
        my colleague is on the phone right next to me, can't talk now, will write later
        mum is in a zoom meeting beside me so i cannot talk, text me
        my boss is on a call next to me, i can't answer now
        the baby is asleep next to me so i can't talk
        my sister is sleeping beside me, can't call now
        my roommate is next to me on a call, can't talk, text only
        shoqja e dhomës është në telefon pranë meje, s'mund të flas tani
        """);

    [Fact]
    public void A_debt_to_work_off_or_a_threat_to_be_sent_back_stays_high_trafficking() =>
        StayAt(Severity.High, "trafficking", DebtsToWorkOff);

    [Fact]
    public void Owing_ones_own_family_or_a_favour_names_no_debt_and_is_not_urgent() =>
        StayQuiet(FamilyDebtsAndFavours, r => r.Indicators.Any(i => i.Id is "tr.debt" or "tr.debt_mention" or "tr.coercion_police"));

    [Fact]
    public void Told_to_pay_a_relative_back_is_no_threat_of_being_sent_back() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Indicators.Any(i => i.Id == "tr.coercion_police"), new()
        {
            [true] = Lines("""
                pronari thotë se do na kthejnë në Shqipëri nëse ankohemi
                tha se do më kthejnë mbrapsht me pranga nëse s'punoj
                """),
            [false] = Lines("""
                i kam borxh kunatit 300 euro për biletat, më tha t'ia kthej kur të marr rrogën
                motra më tha t'ia kthej paratë kur të mundem, s'ka problem
                shoqja më tha ta kthej librin të hënën
                nëna më thotë t'i kthej enët fqinjës
                """),
        });

    [Fact]
    public void He_or_a_partner_beside_her_while_she_cannot_talk_stays_a_critical_covert_call() =>
        StayAt(Severity.Critical, "domestic_violence", CovertCalls);

    [Fact]
    public void A_stranger_asleep_beside_her_is_still_someone_there() =>
        Assert.Equal(Severity.Critical, Screener.RulesOnly.Screen("there's a guy asleep next to me, i don't know where i am, i can't talk").Severity);

    [Fact]
    public void Someone_else_on_a_call_in_a_meeting_or_asleep_beside_her_is_no_covert_call() =>
        StayQuiet(SomeoneElseBusyBeside, r => r.Categories.Contains("domestic_violence"));
}
