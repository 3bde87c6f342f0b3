using Hotline.Core.Text;

namespace Hotline.Core.Tests.Text;

public sealed class Base64TextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("AQ==")]
    [InlineData("AQI=")]
    [InlineData("AQID")]
    [InlineData("AQ ID\r\nBA==")]
    public void Part_of_a_value_decodes_as_the_whole_string_would(string base64)
    {
        var stored = "x." + base64 + ".y";

        Assert.Equal(Convert.FromBase64String(base64), Base64Text.Decode(stored.AsSpan(2, base64.Length)));
    }

    [Theory]
    [InlineData("AQ=")]
    [InlineData("A*==")]
    [InlineData("AQIDB")]
    public void What_is_not_base64_is_refused_as_the_whole_string_would_be(string base64)
    {
        Assert.Throws<FormatException>(() => Convert.FromBase64String(base64));
        Assert.Throws<FormatException>(() => Base64Text.Decode(base64.AsSpan()));
    }
}
