
namespace Hotline.Screening.Tests;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("+355 69 123 4567")]
    [InlineData("0691234567")]
    [InlineData("069 123 45 67")]
    [InlineData("(04) 222-1892")]
    [InlineData("(294) 910407-35")]
    [InlineData("+355 (0) 69 123 4567")]
    [InlineData("+44 7700 900123")]
    public void Phone_number_is_masked_in_every_output(string number)
    {
        var text = $"më thirr në {number}, burri ma mori telefonin tim {number}";
        var result = Screener.Default.Screen(text);
        var digits = new string([.. number.Where(char.IsAsciiDigit)]);

        var phones = result.Entities.Where(e => e.Kind == EntityKind.Phone).ToList();
        Assert.Equal(2, phones.Count);
        Assert.All(phones, p => Assert.DoesNotContain(p.Value, char.IsAsciiDigit));
        Assert.All(result.Indicators, i => Assert.DoesNotContain(digits, new string([.. i.Text.Where(char.IsAsciiDigit)])));

        var masked = PhoneMask.Mask(text);
        Assert.DoesNotContain(digits[^4..], masked);
        Assert.DoesNotContain(masked, char.IsAsciiDigit);
        Assert.Equal(text.Length, masked.Length);
    }

    [Fact]
    public void Indicator_over_a_number_shows_it_masked()
    {
        const string text = "he took my passport 0691234567";
        var result = Screener.Default.Screen("call 0691234567 he took my passport");
        Assert.DoesNotContain(result.Indicators, i => i.Text.Contains("069", StringComparison.Ordinal));
        Assert.Equal(text.Length, PhoneMask.Mask(text).Length);
    }

    [Theory]
    [InlineData("116 117")]
    [InlineData("call 112 now")]
    [InlineData("2000 euro ne muaj")]
    [InlineData("score 3-0")]
    public void Short_numbers_are_not_phone_numbers(string text)
    {
        Assert.Equal(text, PhoneMask.Mask(text));
        Assert.DoesNotContain(Screener.Default.Screen(text).Entities, e => e.Kind == EntityKind.Phone);
    }
}
