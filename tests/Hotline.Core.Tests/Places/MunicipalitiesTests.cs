using Hotline.Core.Places;

namespace Hotline.Core.Tests.Places;

public sealed class MunicipalitiesTests
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
}
