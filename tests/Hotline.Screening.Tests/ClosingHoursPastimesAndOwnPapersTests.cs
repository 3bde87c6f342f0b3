using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Three false alarms narrowed at their cause (lexicon 2026.12.48), each beside look-alikes that must still fire. A shop
/// that closes ("furra e bukës mbyll në 8") is no one locked in: between "e/i/më" and "mbyll" only an auxiliary or a
/// clitic may stand, not a noun. Someone beside her absorbed in their own doing (a podcast, a film, a game, headphones)
/// is no abuser listening; he, a partner, or a bare "listening" beside her still is. Her own keeping of her own papers
/// ("i keep my id in my wallet", "e mbaj letërnjoftimin në portofol") is no one holding them; someone else's keeping is.
/// Each is read with and without the learned opinion.
/// </summary>
public sealed class ClosingHoursPastimesAndOwnPapersTests
{
    private static bool LockedIn(ScreeningResult r) => r.Indicators.Any(i => i.Id == "ctl.locked_in");

    [Fact]
    public void A_shop_or_a_bakery_closing_is_no_one_locked_in() => StayQuiet(Lines("""
        po vrapoj se dyqani i lagjes mbyll në 9
        po vrapoj se dyqani i lagjes mbyll ne 9
        furra e fshatit mbyll herët të shtunën, do shkoj tani
        furra e fshatit mbyll heret te shtunen, do shkoj tani
        the corner shop closes at 9 so i'm in a hurry
        """), LockedIn);

    [Fact]
    public void Locked_in_by_someone_is_still_critical() => Expect.Each(
        text => Screen(text).Severity == Severity.Critical && LockedIn(Screen(text))
            && Screener.RulesOnly.Screen(text).Severity == Severity.Critical, new()
        {
            [true] = Lines("""
                burri më ka mbyllur në dhomë dhe ka marrë çelësat
                burri me ka mbyll ne dhome dhe ka marre celesat
                na kishin mshel në një barakë pa ujë
                më mbylli në banjo dhe doli
                he locked me in the bathroom and left
                """),
        });

    [Fact]
    public void Someone_absorbed_in_a_podcast_a_film_or_a_game_beside_her_is_no_covert_call() => StayQuiet(Lines("""
        my flatmate is listening to a podcast beside me so i can't ring you
        my sister has her headphones on next to me, cant talk
        next to me my mum is watching a film, i can't talk now
        my little brother is playing fortnite right next to me, can't call
        motra po dëgjon një podcast pranë meje, s'mund të telefonoj tani
        motra po degjon nje podcast prane meje, s'mund te telefonoj tani
        vëllai po luan lojëra afër meje prandaj s'mund të flas
        """), r => r.Categories.Contains("domestic_violence") || r.Indicators.Any(i => i.Id == "imm.presence"));

    [Fact]
    public void He_a_partner_or_someone_just_listening_beside_her_stays_a_critical_covert_call() =>
        StayAt(Severity.Critical, "domestic_violence", Lines("""
            he's right beside me listening, i can't call
            she's next to me listening so i can't call
            my boyfriend is watching football next to me, i can't talk
            po më dëgjon pranë meje, s'mund të flas
            po me degjon prane meje, s'mund te flas
            """));

    [Fact]
    public void Her_own_papers_in_her_own_keeping_are_not_taken() => StayQuiet(Lines("""
        i keep my id in my wallet
        i always keep my passport in the hotel safe when i swim
        we took our passports to the embassy this morning
        i hid my passport so i don't lose it on the trip
        e mbaj letërnjoftimin në portofol
        e mbaj leternjoftimin ne portofol
        i kam marrë dokumentet nga bashkia sot
        i mbajmë pasaportat në sirtar në shtëpi
        """), r => r.Categories.Contains("trafficking"));

    [Fact]
    public void Papers_kept_by_someone_else_stay_high_trafficking() => StayAt(Severity.High, "trafficking", Lines("""
        he keeps my id
        my boss keeps my passport in his safe
        the owner took our passports when we arrived
        i keep asking for my passport but he won't give it back
        ai ma mban letërnjoftimin
        ai ma mban leternjoftimin
        s'më lënë të mbaj pasaportën
        s'me lene te mbaj pasaporten
        pronari na i mori pasaportat kur arritëm
        """));

    [Fact]
    public void Papers_kept_and_every_euro_handed_over_is_still_read_as_both() => Assert.Contains(
        Screener.RulesOnly.Screen("he keeps my id and i give him everything i earn").Indicators, i => i.Id == "tr.papers_and_earnings");
}
