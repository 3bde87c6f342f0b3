using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Causes read in the seventeenth writer's batch B and the eighteenth writer's batch A, tested in wordings written here:
/// a coded booking (a room, a table, a car sent to a place) written in hiding ("he must not see us", "don't write back"),
/// someone listening while she cannot talk, nowhere to hide while he arrives, and the minutes of an escape while he is out;
/// beside each the everyday wording that must stay quiet (a real booking, a wedding dress, hide and seek, a cake baked
/// while he is at the shop).
/// </summary>
public sealed class CovertCallsCausesTests
{
    [Theory]
    [InlineData("can't text properly. she's listening. if you reply, say it's the bank")]
    [InlineData("s'mund të flas tani, ai po dëgjon. mos më telefononi")]
    public void Someone_listening_while_she_cannot_write_is_critical(string text) => Is(Severity.Critical, text);

    [Fact]
    public void Listening_to_the_radio_is_no_one_overhearing() => Is(Severity.Medium, "he's listening to the radio and i can't talk");

    [Fact]
    public void A_coded_booking_written_in_hiding_is_critical_and_a_real_booking_is_not_urgent() => Expect.Each(text => Screen(text).Severity >= Severity.High, new()
    {
        [true] = Lines("""
            mirëmbrëma, a keni ende një dhomë të lirë për sonte për mua dhe vajzën? vijmë tani, që mos na shohë
            could you book me a table for two near the park tonight? he mustn't find us, we are leaving now
            a mund të dërgoni një taksi te pika e karburantit në dalje të qytetit? jam me fustan blu. mos më shkruani
            """),
        [false] = Lines("""
            is the room still free tonight? we are two adults and a dog
            a është e lirë tavolina për sonte në 8? jemi 4 veta
            can you send a taxi to the station at 6? thanks
            he must not see me in the dress before the wedding
            ai s duhet ta shohë dhuratën para ditëlindjes
            """),
    });

    [Fact]
    public void A_coded_booking_in_hiding_is_domestic_violence() =>
        AtLeast(Severity.Critical, "could you book me a table for two near the park tonight? he mustn't find us, we are leaving now", "domestic_violence");

    [Fact]
    public void Nowhere_to_hide_as_he_arrives_is_critical_and_hide_and_seek_is_not_urgent() => Expect.Each(text => Screen(text).Severity >= Severity.High, new()
    {
        [true] = Lines("""
            po afrohet, e pashë në fund të rrugës. s'kemi ku të fshihemi
            he's coming up the stairs, there's nowhere to hide
            """),
        [false] = Lines("""
            po luajmë kukamshefti, vëllai po vjen dhe s kam ku të fshihem haha
            we're playing hide and seek and my brother is coming, nowhere to hide lol
            """),
    });

    [Fact]
    public void The_minutes_of_an_escape_while_he_is_out_are_critical_and_a_cake_baked_in_them_is_nothing() => Expect.Each(text => Screen(text).Severity, new()
    {
        [Severity.Critical] = Lines("""
            duhet të ikim tani me fëmijët, kemi 15 minuta derisa të kthehet nga kafeneja. ku të shkojmë?
            i have 20 minutes before he is back from work to get out with the baby, what do i take
            """),
        [Severity.None] = Lines("""
            i have 10 minutes while he is at the shop, what cake can i bake quickly
            kam 15 minuta sa të kthehet nga puna, çfarë gatuaj shpejt?
            """),
    });
}
