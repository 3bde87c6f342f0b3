namespace Hotline.Screening.Tests;

public sealed class EntityTests
{
    private static ScreeningResult Screen(string text) => Screener.Default.Screen(text);

    [Theory]
    [InlineData("jam 15 vjeç dhe kam frikë", 15)]
    [InlineData("jam 15 vjec", 15)]
    [InlineData("jam 15 vjeq", 15)]
    [InlineData("Jam pesëmbëdhjetë vjeçe", 15)]
    [InlineData("jam pesmbdhjet vjec", 15)]
    [InlineData("jam trembedhjete vjece", 13)]
    [InlineData("jom 16", 16)]
    [InlineData("motra ime 12-vjeçare", 12)]
    [InlineData("jam ne klasen e 8", 14)]
    [InlineData("I'm 14 and scared", 14)]
    [InlineData("im fourteen", 14)]
    [InlineData("my 13 yo daughter", 13)]
    [InlineData("she's twelve", 12)]
    [InlineData("a 17-year-old boy", 17)]
    [InlineData("i just turned seventeen", 17)]
    public void Age_is_read_in_digits_and_words_in_both_languages(string text, int age)
    {
        var result = Screen(text);
        Assert.Contains(result.Entities, e => e.Kind == EntityKind.Age && e.Value == age.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(age, result.Age);
    }

    [Theory]
    [InlineData("kam 2 muaj qe punoj ne Greqi")]
    [InlineData("jam 5 minuta larg")]
    [InlineData("phone at 5%")]
    [InlineData("para 6 vjetesh")]
    [InlineData("we are 6 men on the site")]
    [InlineData("i'm on the 3rd floor")]
    public void Numbers_that_are_not_ages_are_not_read_as_ages(string text) => Assert.Null(Screen(text).Age);

    [Fact]
    public void The_writers_age_wins_over_anothers()
    {
        var result = Screen("babi e rreh vellain tim 8 vjec. une jam 17");
        Assert.Equal(17, result.Age);
        Assert.True(result.Minor);
    }

    [Theory]
    [InlineData("kam 13 vjet, babai me rrah me rrip cdo nate kur vjen i pire", 13)]
    [InlineData("how do i set up screen time limits for my 8 year olds tablet", 8)]
    [InlineData("jam 15 vjeç dhe dua të di si bëhet regjistrimi në gjimnaz", 15)]
    public void Minor_is_set_from_an_age_under_18_whatever_the_severity(string text, int age)
    {
        var result = Screen(text);
        Assert.True(result.Minor);
        Assert.Equal(age, result.Age);
    }

    [Fact]
    public void An_age_at_the_start_of_a_message_is_not_a_duration()
    {
        var result = Screen("kam 13 vjet, babai me rrah me rrip cdo nate kur vjen i pire");
        Assert.DoesNotContain(result.Entities, e => e.Kind == EntityKind.Time && e.Value == "distant-past");
        Assert.True(result.Severity >= Hotline.Core.Severity.High, result.Severity.ToString());
    }

    [Fact]
    public void Minor_is_set_from_child_words_when_there_is_risk()
    {
        Assert.True(Screen("the neighbours' kid is alone on the balcony screaming since morning").Minor);
        Assert.False(Screen("i have two kids, is this service free?").Minor);
    }

    [Theory]
    [InlineData("jam në Shkodër", "Shkodër")]
    [InlineData("jemi nga Shkodra", "Shkodër")]
    [InlineData("te Shkodrës", "Shkodër")]
    [InlineData("jam ne shkoder", "Shkodër")]
    [InlineData("ne Tirane", "Tiranë")]
    [InlineData("nga Tirana", "Tiranë")]
    [InlineData("in TIRANA", "Tiranë")]
    [InlineData("ne Vlonë", "Vlorë")]
    [InlineData("ne Vlore", "Vlorë")]
    [InlineData("ne Korçë", "Korçë")]
    [InlineData("ne korqe", "Korçë")]
    [InlineData("ne Durrsi", "Durrës")]
    [InlineData("ne Kuksi", "Kukës")]
    [InlineData("ne Malësi e Madhe", "Malësi e Madhe")]
    [InlineData("ne Fushë-Arrëz", "Fushë-Arrëz")]
    [InlineData("in Has", "Has")]
    [InlineData("ne Peshkopi", "Dibër")]
    [InlineData("ne Bathore", "Kamëz")]
    public void Municipality_is_recognised_in_its_forms(string text, string municipality) => Assert.Equal(municipality, Screen(text).Place);

    [Theory]
    [InlineData("he has a gun")]
    [InlineData("i'm on the mat")]
    public void Municipality_names_that_are_words_need_a_preposition(string text) => Assert.Null(Screen(text).Place);

    [Theory]
    [InlineData("ai më çoi në Itali", "Italy")]
    [InlineData("work in london", "United Kingdom")]
    [InlineData("pune ne Angli", "United Kingdom")]
    [InlineData("to Greqi", "Greece")]
    [InlineData("jashtë shtetit", "Abroad")]
    public void Destinations_abroad_are_recognised(string text, string place) =>
        Assert.Contains(Screen(text).Entities, e => e.Kind == EntityKind.Place && e.Value == place);

    [Theory]
    [InlineData("dje më rrahu", "recent-past")]
    [InlineData("para 2 vjetesh", "distant-past")]
    [InlineData("sonte", "tonight")]
    [InlineData("right now", "now")]
    [InlineData("3 days ago", "recent-past")]
    [InlineData("neser", "future")]
    [InlineData("çdo ditë", "habitual")]
    public void Time_expressions_are_classified(string text, string value) =>
        Assert.Contains(Screen(text).Entities, e => e.Kind == EntityKind.Time && e.Value == value);
}
