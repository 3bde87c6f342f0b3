using Hotline.Core;
using Hotline.Screening;

namespace Hotline.Screening.Tests;

public sealed class ConversationRiskTests
{
    private static readonly Screener Screener = Screener.Default;

    [Fact]
    public void Case_never_drops_below_its_worst_message()
    {
        var risk = ConversationRisk.Of(Screener, ["burri me rreh cdo nate", "ok", "faleminderit"]);
        Assert.Equal(Severity.High, risk.Severity);
        Assert.Contains("domestic_violence", risk.Categories);
    }

    [Theory]
    [InlineData("he's back")]
    [InlineData("erdhi prap")]
    [InlineData("erdhi")]
    [InlineData("u kthye")]
    [InlineData("po vjen")]
    public void Someone_back_after_a_disclosure_raises_the_case_to_critical(string later)
    {
        Assert.True(Screener.Screen(later).Severity < Severity.Critical);
        var risk = ConversationRisk.Of(Screener, ["my husband beats me when he drinks", later]);
        Assert.Equal(Severity.Critical, risk.Severity);
        Assert.True(risk.RaisedByContext);
    }

    [Fact]
    public void Someone_back_without_a_disclosure_is_not_raised()
    {
        var risk = ConversationRisk.Of(Screener, ["hi", "are you there?", "he's back"]);
        Assert.True(risk.Severity < Severity.High);
        Assert.False(risk.Disclosed);
    }

    [Fact]
    public void Plea_after_a_medium_disclosure_is_high()
    {
        var risk = ConversationRisk.Of(Screener, ["my ex keeps messaging me from new accounts", "help"]);
        Assert.True(risk.Severity >= Severity.High);
    }

    [Fact]
    public void Minor_and_age_carry_over()
    {
        var risk = ConversationRisk.Of(Screener, ["jam 14 vjec", "babi me rreh"]);
        Assert.True(risk.Minor);
        Assert.Equal(14, risk.Age);
    }
}
