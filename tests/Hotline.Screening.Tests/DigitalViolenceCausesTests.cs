using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Digital violence missed whole, read by cause over the used sets and tested in wordings written here: someone in her
/// accounts or holding her passwords, a stranger writing to a child in a game or an app, a child mocked in the class
/// chat, photos of her home or car from an unknown number and silent calls, her number posted as "available", and the
/// questions on online safety that name the topic; beside each, the everyday wordings that must stay out of it.
/// </summary>
public sealed class DigitalViolenceCausesTests
{
    private static Func<string, bool> Names(string category) => text => Screen(text).Categories.Contains(category);

    [Fact]
    public void Someone_in_her_accounts_or_holding_her_passwords_is_digital_violence_and_a_partner_s_is_also_domestic()
    {
        Expect.Each(Names("digital_violence"), new()
        {
            [true] = Lines("""
                i fejuari më lexon çdo natë whatsapp-in dhe më pyet për çdo emër
                ish-shoku ende e ka fjalëkalimin e facebook-ut tim dhe hyn kur do
                burri kërkon passwordin e instagramit dhe thotë që gruaja s'ka sekrete
                e dashura ia ka kontrolluar llogarinë e email-it pa i thënë
                my partner reads my instagram dms every evening and asks who everyone is
                he still has all my passwords and logs in when he is angry
                my husband makes me share my location and calls if i stop anywhere
                """),
            [false] = Lines("""
                kush e ka passwordin e wifit në zyrë?
                e kam harruar fjalëkalimin e email-it, si ta rikthej?
                i changed my password yesterday after a phishing email
                my mum sends me her location when she drives home late
                """),
        });
        var result = Is(Severity.Medium, "ish-i më ka ndryshuar fjalëkalimin e llogarisë dhe më lexon mesazhet në messenger", "digital_violence");
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Fact]
    public void A_stranger_writing_to_a_child_online_is_digital_violence_about_a_minor() => Expect.Each(text =>
    {
        var r = Screen(text);
        return r.Categories.Contains("digital_violence") && r.Minor;
    }, new()
    {
        [true] = Lines("""
            djalit tim 12 vjeç i shkruan dikush në minecraft dhe i kërkon adresën e shtëpisë
            mbesa 13 vjeçe flet çdo natë në snapchat me një djalë që s'e ka parë kurrë
            my 11 year old gets robux from a man she chats with in a game and she hides it
            a stranger keeps messaging my 13 yo on youtube asking for her number
            """),
        [false] = Lines("""
            djali im 12 vjeç luan minecraft me shokët e klasës çdo pasdite
            my 11 year old plays roblox with her cousins on sundays
            """),
    });

    [Fact]
    public void A_child_mocked_in_the_class_chat_is_digital_violence() => Expect.Each(Names("digital_violence"), new()
    {
        [true] = Lines("""
            në grupin e klasës bënë sondazh kush është më i shëmtuari dhe më vunë emrin tim, jam 12
            në chat-in e shkollës tallen çdo ditë me vajzën time 12 vjeçe se mban syze
            the boys in my class group chat keep mocking my weight and posting ugly edits, i'm 13
            """),
        [false] = Lines("""
            në grupin e klasës mësuesja postoi orarin e provimeve
            we posted the trip photos in the class group chat and everyone loved them
            """),
    });

    [Fact]
    public void Photos_of_her_home_from_an_unknown_number_silent_calls_and_her_number_posted_as_available_are_digital_violence() => Expect.Each(Names("digital_violence"), new()
    {
        [true] = Lines("""
            një profil anonim më dërgon foto të derës së pallatit tim çdo mbrëmje
            dikush me numër të fshehur më merr në telefon natën dhe vetëm hesht
            someone with a private number keeps sending me pictures of my car outside work
            an unknown account posted my photo and my number saying i'm available
            """),
        [false] = Lines("""
            mekaniku më dërgoi foto të makinës pas riparimit
            my sister sent me photos of my kids at the park
            the flat is still available, send me your number
            """),
    });

    [Fact]
    public void Questions_on_online_safety_name_digital_violence_at_low() => Expect.Each(text =>
    {
        var r = Screen(text);
        return r.Categories.Contains("digital_violence") && r.Severity <= Severity.Low;
    }, new()
    {
        [true] = Lines("""
            si ta bëj profilin e djalit privat që të mos e shohin të panjohurit?
            si ta mbroj llogarinë e instagramit nga hakerat?
            which chat apps are safest for an 11 year old?
            how do i turn off location sharing in snapchat for my daughter?
            """),
    });
}
