using Microsoft.Extensions.Configuration;

namespace Hotline.Bot.Tests.Channels.Twilio;

public sealed class StaffOptionsTests
{
    private const string Number = "+355691234567";

    private static TwilioOptions Bind(params (string Name, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("HOTLINE_TWILIO_ACCOUNT_SID", FakeTwilio.AccountSid), new("HOTLINE_TWILIO_AUTH_TOKEN", "token"),
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Name, s.Value)),
        ]).Build();
        var options = new TwilioOptions();
        TwilioOptions.Bind(options, configuration);
        return options;
    }

    private static IEnumerable<string> Failures(TwilioOptions options) => new TwilioOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Staff_numbers_are_read_from_the_list_and_from_the_configuration_section()
    {
        var options = Bind(("HOTLINE_TWILIO_FROM", "+355690000009"), ("HOTLINE_TWILIO_STAFF", $"oncall-supervisor=sms:{Number}, unit-durres = sms:+355692222222"),
            ("Twilio:Staff:unit-vlore", "whatsapp:+355693333333"), ("HOTLINE_TWILIO_STAFF_TEMPLATE_SID", StaffHotline.StaffTemplateSid));

        Assert.Empty(Failures(options));
        Assert.True(StaffAddress.TryParse(options.Staff["oncall-supervisor"], out var supervisor));
        Assert.Equal(new StaffAddress(Channel.Sms, Number), supervisor);
        Assert.True(StaffAddress.TryParse(options.Staff["UNIT-DURRES"], out _));
        Assert.True(StaffAddress.TryParse(options.Staff["unit-vlore"], out var vlore));
        Assert.Equal("whatsapp:+355693333333", vlore.To);
    }

    [Theory]
    [InlineData(Number)]
    [InlineData("sms:0691234567")]
    [InlineData("fax:+355691234567")]
    [InlineData("sms:+355 69 123")]
    public void A_wrong_staff_address_stops_the_bot_naming_the_person_but_not_the_address(string address)
    {
        var failures = Failures(Bind(("HOTLINE_TWILIO_FROM", "+355690000009"), ("HOTLINE_TWILIO_STAFF", $"oncall-supervisor={address}"))).ToList();

        var failure = Assert.Single(failures);
        Assert.Contains("'oncall-supervisor'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("69", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_notices_need_a_sender_and_whatsapp_staff_need_a_template()
    {
        var failures = string.Join('\n', Failures(Bind(("HOTLINE_TWILIO_STAFF", $"unit-vlore=whatsapp:{Number}"))));

        Assert.Contains("HOTLINE_TWILIO_FROM or HOTLINE_TWILIO_MESSAGING_SERVICE_SID", failures, StringComparison.Ordinal);
        Assert.Contains("HOTLINE_TWILIO_STAFF_TEMPLATE_SID", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_numbers_without_the_twilio_channel_stop_the_bot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("HOTLINE_TWILIO_STAFF", $"oncall-supervisor=sms:{Number}")]).Build();
        var options = new TwilioOptions();
        TwilioOptions.Bind(options, configuration);

        Assert.Contains("HOTLINE_TWILIO_ACCOUNT_SID", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }
}
