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

    [Fact]
    public void Being_put_in_a_van_now_after_a_passport_and_a_debt_is_critical()
    {
        const string later = "They are putting us in a van now";
        Assert.True(Screener.Screen(later).Severity < Severity.High);
        var risk = ConversationRisk.Of(Screener, ["the man who brought me here kept my passport", "now he says I owe him 3000 euros for the trip", later]);
        Assert.Equal(Severity.Critical, risk.Severity);
        Assert.True(risk.RaisedByContext);
        Assert.Contains("trafficking", risk.Categories);
    }

    [Fact]
    public void Now_without_an_earlier_disclosure_raises_nothing()
    {
        var risk = ConversationRisk.Of(Screener, ["hi", "They are putting us in a van now"]);
        Assert.True(risk.Severity < Severity.High);
    }

    [Fact]
    public void An_age_given_earlier_makes_a_later_disclosure_about_a_minor_and_a_step_more_urgent()
    {
        const string later = "a guy from instagram keeps asking me for pictures";
        var alone = Screener.Screen(later);
        var risk = ConversationRisk.Of(Screener, ["i'm 13", later]);
        Assert.True(risk.Minor);
        Assert.Equal(13, risk.Age);
        Assert.Contains("child_at_risk", risk.Categories);
        if (alone.Severity == Severity.Medium) Assert.Equal(Severity.High, risk.Severity);
        Assert.True(risk.Severity >= alone.Severity);
    }

    [Fact]
    public void A_late_age_makes_the_earlier_categories_about_a_minor()
    {
        var risk = ConversationRisk.Of(Screener, ["my dad hits me with his belt when he gets angry", "im 12"]);
        Assert.True(risk.Minor);
        Assert.Contains("child_at_risk", risk.Categories);
    }

    [Fact]
    public void Someone_back_long_after_the_disclosure_is_high_not_critical()
    {
        var start = new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
        var disclosed = ConversationRisk.None.Add(Screener.Screen("my husband beats me when he drinks"), start);
        Assert.Equal(Severity.Critical, disclosed.Add(Screener.Screen("he's back"), start.AddHours(2)).Severity);
        var later = disclosed.Add(Screener.Screen("he's back"), start + ConversationRisk.ContextWindow + TimeSpan.FromHours(1));
        Assert.Equal(Severity.High, later.Severity);
        Assert.Equal(start + ConversationRisk.ContextWindow + TimeSpan.FromHours(1), later.LastAt);
    }

    [Fact]
    public void The_state_keeps_indicator_ids_and_immediacy_never_text()
    {
        const string text = "my husband beats me when he drinks";
        var risk = ConversationRisk.Of(Screener, [text, "he's back"]);
        Assert.NotEmpty(risk.Indicators);
        Assert.All(risk.Indicators, id => Assert.DoesNotContain(id, text, StringComparison.Ordinal));
        Assert.True(risk.Cues.HasFlag(Immediacy.Returned));
        Assert.Equal(Severity.High, risk.Disclosure);
    }
}
