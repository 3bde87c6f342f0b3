using Hotline.Core;
using Hotline.Core.Places;
using Hotline.Triage.Routing;

namespace Hotline.Triage.Tests.Routing;

public sealed class PlacesAndDuressTests
{
    [Theory]
    [InlineData("durres", "Durrës")]
    [InlineData("Durrës", "Durrës")]
    [InlineData("TIRANE", "Tiranë")]
    [InlineData("Malësi e Madhe", "Malësi e Madhe")]
    [InlineData("korca", "Korçë")]
    public void A_typed_municipality_name_is_recognised_with_or_without_diacritics(string typed, string canonical) =>
        Assert.Equal(canonical, Municipalities.Canonical(typed));

    [Theory]
    [InlineData("jam ne Durres tani, me ndihmoni", "Durrës")]
    [InlineData("he took me to Vlora last week", "Vlorë")]
    [InlineData("motra ime eshte ne Tiranes", "Tiranë")]
    [InlineData("he has my passport", null)]
    public void A_municipality_in_a_message_is_found_and_common_words_are_not(string text, string? place) =>
        Assert.Equal(place, Municipalities.Find(text));

    [Fact]
    public void Albania_has_sixty_one_municipalities() => Assert.Equal(61, Municipalities.All.Count);

    [Theory]
    [InlineData("no", true, true)]
    [InlineData("Jo.", true, true)]
    [InlineData("no", false, false)]
    [InlineData("no, but he is asleep so I can write", true, false)]
    [InlineData("do you sell the BLUE umbrella?", false, true)]
    [InlineData("yes", true, false)]
    public void Duress_is_the_agreed_phrase_or_a_bare_no_to_the_safety_question(string text, bool asked, bool duress) =>
        Assert.Equal(duress, DuressDetector.FromSetting("blue umbrella").IsDuress(text, asked));

    [Fact]
    public void The_innocent_reply_never_mentions_help_lines() =>
        Assert.All(new[] { Language.Sq, Language.En }, l => Assert.DoesNotContain("112", DuressDetector.InnocentReply(l)));
}
