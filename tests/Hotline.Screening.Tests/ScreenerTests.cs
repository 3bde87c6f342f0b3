namespace Hotline.Screening.Tests;

public sealed class ScreenerTests
{
    private static readonly Screener Screener = Screener.Default;

    private static ScreeningResult Screen(string text) => Screener.Screen(text);

    [Theory]
    [InlineData("burri po me rreh tani, ndihme")]
    [InlineData("BURRI PO MË RREH TANI NDIHMË")]
    [InlineData("burri po më rreh tani, ndihmë")]
    [InlineData("burri po m rrah tash ndihmeeee")]
    public void Urgent_message_without_diacritics_is_critical(string text)
    {
        var result = Screen(text);
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Contains("domestic_violence", result.Categories);
        Assert.Equal(Language.Sq, result.Language);
    }

    [Theory]
    [InlineData("vllau osht te dera tash e thot qe ka me m vra")]
    [InlineData("ai âsht ktu n'shpi e ka thikën n'dorë")]
    public void Gheg_threat_with_the_abuser_present_is_critical(string text) => Assert.Equal(Severity.Critical, Screen(text).Severity);

    [Fact]
    public void Leet_and_repeated_letters_are_read_as_words()
    {
        var result = Screen("h3 b3at m3 last night and took my phoneee");
        Assert.True(result.Severity >= Severity.High);
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Fact]
    public void Negated_violence_is_not_an_indicator()
    {
        var result = Screen("ai nuk me rreh me, por me kontrollon telefonin cdo nate");
        Assert.Equal(Severity.Medium, result.Severity);
        Assert.DoesNotContain(result.Indicators, i => i.Id == "v.beating");
        Assert.True(result.Context.HasFlag(ScreeningContext.Negated));
    }

    [Fact]
    public void English_negation_keeps_control_but_drops_violence()
    {
        var result = Screen("he has never hit me but he takes my whole salary every month");
        Assert.Equal(Severity.Medium, result.Severity);
        Assert.Equal(["domestic_violence"], result.Categories);
    }

    [Fact]
    public void Violence_years_ago_is_not_urgent()
    {
        var result = Screen("para 4 vitesh babai me rrihte, tani jetoj vete");
        Assert.True(result.Severity <= Severity.Medium);
        Assert.Contains(result.Indicators, i => i.Context.HasFlag(ScreeningContext.DistantPast));
    }

    [Fact]
    public void Past_violence_and_safe_now_is_low()
    {
        var result = Screen("three years ago my partner beat me, now i'm safe and want to volunteer with you");
        Assert.Equal(Severity.Low, result.Severity);
    }

    [Fact]
    public void Recent_violence_stays_high()
    {
        var result = Screen("he punched me last night and i needed stitches");
        Assert.Equal(Severity.High, result.Severity);
    }

    [Fact]
    public void Professional_hypothetical_question_is_low()
    {
        var result = Screen("jam punonjese sociale, si duhet te veproj nese nje femije me tregon qe e rrahin?");
        Assert.Equal(Severity.Low, result.Severity);
        Assert.False(result.Minor);
    }

    [Fact]
    public void Third_person_disclosure_keeps_its_severity_and_is_marked()
    {
        var result = Screen("my friend says her husband locked her in the flat and took her phone, she is there now");
        Assert.True(result.Severity >= Severity.High);
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Theory]
    [InlineData("më vret koka nga mërzia")]
    [InlineData("m'vret kryet sot")]
    [InlineData("vdiqa gazit me këtë video 😂")]
    [InlineData("po vdes për një kafe")]
    [InlineData("më vdiq bateria, po shkruaj nga laptopi")]
    [InlineData("më ka mbytur vapa sot në Durrës")]
    [InlineData("sa kohë duhet t'i rrah vezët?")]
    [InlineData("my shoes are killing me today")]
    [InlineData("i could murder a kebab rn")]
    [InlineData("dying to see you guys tonight")]
    [InlineData("my phone died again")]
    [InlineData("Skënderbeu e vrau Teutën 4-1 sonte")]
    [InlineData("their attack was so weak in the second half")]
    [InlineData("a documentary about human trafficking is on tv tonight")]
    public void Harmless_idiom_is_not_risk(string text)
    {
        var result = Screen(text);
        Assert.True(result.Severity <= Severity.Low, $"{text} → {result.Severity}");
        Assert.Empty(result.Categories);
    }

    [Fact]
    public void Joking_hyperbole_about_a_sibling_is_not_a_threat()
    {
        Assert.Equal(Severity.None, Screen("my brother ate my chocolate again, i'm gonna kill him lol").Severity);
    }

    [Fact]
    public void Bare_plea_reaches_a_human()
    {
        Assert.Equal(Severity.High, Screen("ndihmë").Severity);
        Assert.Equal(Severity.High, Screen("help!!").Severity);
    }

    [Fact]
    public void Plea_with_someone_there_is_critical()
    {
        Assert.Equal(Severity.Critical, Screen("help help he is here").Severity);
    }

    [Fact]
    public void Service_question_mentioning_help_is_low()
    {
        var result = Screen("do you help men too?");
        Assert.Equal(Severity.Low, result.Severity);
        Assert.Empty(result.Categories);
    }

    [Fact]
    public void Disguised_call_for_help_is_critical_domestic_violence()
    {
        var result = Screen("a mund te porosis nje pice ne rrugen e Kavajes 10? mos me telefononi, ai eshte ketu");
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Fact]
    public void Pizza_order_alone_is_nothing()
    {
        Assert.Equal(Severity.None, Screen("can i order a pizza please").Severity);
    }

    [Theory]
    [InlineData("i took all my sleeping pills", "self_harm")]
    [InlineData("kam pirë të gjitha ilaçet e mamit", "self_harm")]
    [InlineData("jam në tarracë të pallatit, do hidhem", "self_harm")]
    [InlineData("the pills are in front of me", "self_harm")]
    public void Self_harm_with_means_is_critical(string text, string category)
    {
        var result = Screen(text);
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Contains(category, result.Categories);
    }

    [Fact]
    public void Suicidal_thoughts_without_a_plan_are_high()
    {
        var result = Screen("mendoj shpesh të vras veten, por jo sot");
        Assert.Equal(Severity.High, result.Severity);
        Assert.Equal(["self_harm"], result.Categories);
    }

    [Fact]
    public void Passport_held_and_debt_is_trafficking()
    {
        var result = Screen("pronari i fermës ma mban pasaportën dhe thotë që i kam borxh për rrugën");
        Assert.Equal(Severity.High, result.Severity);
        Assert.Equal(["trafficking"], result.Categories);
    }

    [Fact]
    public void Job_offer_abroad_from_a_boyfriend_is_medium_trafficking()
    {
        var result = Screen("i dashuri thotë që ka punë për mua në Gjermani, biletën e paguan ai");
        Assert.Equal(Severity.Medium, result.Severity);
        Assert.Equal(["trafficking"], result.Categories);
    }

    [Fact]
    public void Being_moved_across_a_border_now_is_critical()
    {
        var result = Screen("they locked us in a van and we are crossing the border to greece now");
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Contains("trafficking", result.Categories);
    }

    [Fact]
    public void Homophobic_assault_is_hate_violence_not_domestic()
    {
        var result = Screen("two men beat me up outside the club because i'm gay");
        Assert.Equal(Severity.High, result.Severity);
        Assert.Equal(["hate_violence"], result.Categories);
    }

    [Fact]
    public void Family_violence_for_being_gay_is_both()
    {
        var result = Screen("babai më rrahu kur mori vesh që jam gay");
        Assert.Contains("hate_violence", result.Categories);
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Fact]
    public void Sextortion_by_an_ex_is_digital_and_domestic()
    {
        var result = Screen("my ex says he will post my nudes on instagram unless i pay him");
        Assert.Equal(Severity.High, result.Severity);
        Assert.Contains("digital_violence", result.Categories);
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Fact]
    public void Grooming_of_a_child_is_high_sexual_violence()
    {
        var result = Screen("a man from church gives my 12 year old daughter gifts and tells her to keep it a secret");
        Assert.Equal(Severity.High, result.Severity);
        Assert.Contains("sexual_violence", result.Categories);
        Assert.Contains("child_at_risk", result.Categories);
        Assert.True(result.Minor);
        Assert.Equal(12, result.Age);
    }

    [Fact]
    public void Info_question_names_the_category_at_low()
    {
        var result = Screen("Çfarë është trafikimi i njerëzve? E kemi për detyrë shtëpie");
        Assert.Equal(Severity.Low, result.Severity);
        Assert.Equal(["trafficking"], result.Categories);
    }

    [Fact]
    public void Greeting_is_none()
    {
        var result = Screen("përshëndetje");
        Assert.Equal(Severity.None, result.Severity);
        Assert.Empty(result.Indicators);
    }

    [Fact]
    public void Indicator_positions_index_the_original_text()
    {
        const string text = "  ÇKEMI!! Burri më rrahu dje 😢 dhe ma mori pasaportën.";
        var result = Screen(text);
        Assert.NotEmpty(result.Indicators);
        foreach (var indicator in result.Indicators)
        {
            Assert.Equal(indicator.Text, text.Substring(indicator.Start, indicator.Length));
        }
    }

    [Fact]
    public void Result_lists_indicators_with_categories()
    {
        var result = Screen("he took my passport and says i owe him for the ticket");
        Assert.All(result.Indicators.Where(i => i.Category != "immediacy" && i.Category != "plea"), i => Assert.Contains(i.Category, result.Categories));
        Assert.Contains(result.Indicators, i => i.Id == "tr.documents_taken" && i.Text == "took my passport");
    }

    [Fact]
    public void Empty_and_whitespace_messages_are_none()
    {
        Assert.Equal(Severity.None, Screen("").Severity);
        Assert.Equal(Severity.None, Screen("   \n ").Severity);
    }

    [Fact]
    public void Very_long_message_is_screened()
    {
        var text = string.Concat(Enumerable.Repeat("sot ishte nje dite e zakonshme ne pune. ", 300)) + "burri me rreh cdo nate";
        var result = Screen(text);
        Assert.Equal(Severity.High, result.Severity);
        Assert.Contains(result.Indicators, i => text.Substring(i.Start, i.Length) == i.Text);
    }

    [Fact]
    public void Screening_is_thread_safe()
    {
        var texts = new[] { "burri po me rreh tani", "hello", "kam pi te gjitha ilacet", "my ex knows my password" };
        var expected = texts.Select(t => Screen(t).Severity).ToArray();
        Parallel.For(0, 2000, i =>
        {
            var k = i % texts.Length;
            Assert.Equal(expected[k], Screen(texts[k]).Severity);
        });
    }

    [Fact]
    public void A_message_reads_the_same_whatever_was_screened_before_it()
    {
        // short and long messages, common words and rare ones, a typo and a number: each must come out the same after any other
        var texts = new[]
        {
            "my stepfather took my passport and locked me in the cellar, he is outside the door now",
            "e ka marre pasaporten time dhe me mban te mbyllur ne bodrum, jam 16 vjece",
            "he atacked me with a knife last night and says he will finish it tonight",
            "what time does the office in shkoder open on saturday?",
            "ai me kercenoi se do i publikoje fotot e mia ne facebook nese nuk i dergoj para",
            string.Concat(Enumerable.Repeat("we walked by the river and talked about the new school, the garden and the bus. ", 8))
                + "then my brother said he would kill me if i told anyone",
            "hello",
        };
        string Read(string text) => System.Text.Json.JsonSerializer.Serialize(Screen(text));
        var alone = texts.Select(Read).ToArray();
        for (var before = 0; before < texts.Length; before++)
        {
            for (var k = 0; k < texts.Length; k++)
            {
                Screen(texts[before]);
                Assert.Equal(alone[k], Read(texts[k]));
            }
        }
    }
}
