using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// The figurative frames stage (Screener.Frames.cs): violence words inside a game, a story, a sport, an animal's doing or
/// a joke about an "if" are not a person at risk; each construction beside the real risk it must not hide.
/// </summary>
public sealed class FrameTests
{
    [Theory]
    [InlineData("we got wiped out in fortnite again, a sniper shot me in the head from behind")]
    [InlineData("në lojë më vranë tre herë rresht, po luanim deri në 2 natën")]
    [InlineData("my little cousins had a snowball fight and came back soaked, they beat each other up all afternoon")]
    public void Violence_in_a_game_is_not_urgent(string text) => Screened.Below(Severity.High, text);

    [Fact]
    public void A_parent_who_beats_the_writer_over_a_game_is_still_violence() =>
        Screened.AtLeast(Severity.High, "babai më rrahu sepse humba në lojë, më ka lënë shenja në krah", "domestic_violence");

    [Theory]
    [InlineData("in the new episode the villain strangles the nurse in the lift, i screamed")]
    [InlineData("filmi që pamë mbrëmë mbaron kur e vrasin me thikë në urë")]
    public void A_story_s_killing_is_not_the_writer_s(string text) => Screened.Below(Severity.High, text);

    [Fact]
    public void A_film_does_not_hide_the_writer_s_own_fear() =>
        Screened.AtLeast(Severity.High, "we were watching a film and my husband started hitting me, i'm scared he'll do it again tonight");

    [Fact]
    public void Grooming_inside_a_game_is_still_grooming() =>
        Assert.True(Screened.AtLeast(Severity.Medium, "a man in an online game asked my 12 year old daughter to send him naked photos").Minor);

    [Theory]
    [InlineData("the neighbour killed the snake in our garden with a shovel")]
    [InlineData("gjyshi e vrau peshkun dhe e pastroi në kuzhinë")]
    public void An_animal_as_the_target_is_not_violence(string text)
    {
        var result = Screen(text);
        Assert.DoesNotContain(result.Indicators, i => i.Id.StartsWith("v.", StringComparison.Ordinal));
        Assert.True(result.Severity < Severity.High, Why(result));
    }

    [Theory]
    [InlineData("babi po e rreh qilimin në oborr si çdo vjeshtë")]
    [InlineData("do ta shes qenin në pazar, më ka grirë të gjitha këpucët")]
    public void A_thing_or_an_animal_beaten_or_sold_is_not_a_person(string text) => Screened.Below(Severity.High, text);

    [Fact]
    public void A_person_sold_is_still_sold() =>
        Assert.Contains(Screen("do më shesë te një burrë në Itali, e dëgjova në telefon").Indicators, i => i.Id == "tr.sold");

    [Theory]
    [InlineData("a wolf took three of our sheep last night, only the wool was left")]
    [InlineData("dhelpra hyri në kotec e na i mbyti pulat të gjitha")]
    public void An_animal_s_doing_is_not_raised_by_the_learned_opinion(string text) => Screened.Below(Severity.High, text);

    [Fact]
    public void A_joke_about_an_if_threat_is_not_a_threat() =>
        Screened.Below(Severity.High, "mum says she'll sell me on ebay if i don't clean my room lol");

    [Fact]
    public void A_threat_on_an_if_without_a_joke_still_counts() =>
        Screened.AtLeast(Severity.High, "he says he will sell me to his friends if i don't pay the debt, i'm scared", "trafficking");

    [Fact]
    public void The_writer_joking_about_what_she_will_do_is_not_a_threat() =>
        Screened.Below(Severity.High, "if the bus is late one more time i'm strangling the driver 😂");

    [Theory]
    [InlineData("m'ka mbyt lodhja sot n'punë, po jam mirë")]
    [InlineData("po vdes nga lodhja, tre turne rresht")]
    public void Tiredness_that_kills_is_not_violence(string text) => Screened.Below(Severity.High, text);

    [Fact]
    public void Being_choked_now_is_still_critical() => Screened.Is(Severity.Critical, "burri po më mbyt, ndihmë");

    [Theory]
    [InlineData("my brother locked himself in his room because he lost the match")]
    [InlineData("djali e ka mbyllur veten në dhomë se nuk do të hajë darkë")]
    public void Someone_who_locks_himself_in_is_not_locked_in(string text) =>
        Assert.DoesNotContain(Screen(text).Indicators, i => i.Id == "ctl.locked_in");

    [Fact]
    public void Being_locked_in_by_another_is_still_confinement() =>
        Assert.Contains(Screen("he locked me in the bedroom and took my phone").Indicators, i => i.Id == "ctl.locked_in");

    [Fact]
    public void A_plea_word_that_asks_what_the_service_does_is_not_a_plea() =>
        Screened.Below(Severity.High, "a ndihmoni edhe për punë, apo vetëm për dhunë?");

    [Fact]
    public void A_plea_for_help_is_still_a_plea() =>
        Assert.True(Screen("ndihmoni, ju lutem").Severity >= Severity.High);

    [Fact]
    public void Medicine_as_the_doctor_said_is_not_raised_by_the_learned_opinion() =>
        Screened.Below(Severity.High, "i kam marrë ilaçet 10 ditë siç më tha doktori, por ende më dhemb koka");
}
