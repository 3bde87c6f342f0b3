using Microsoft.Extensions.Configuration;

namespace Hotline.Bot.Tests.Channels.Twilio;

public sealed class TwilioOptionsTests
{
    private static TwilioOptions Bind(params (string Name, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Name, s => (string?)s.Value)).Build();
        var options = new TwilioOptions();
        TwilioOptions.Bind(options, configuration);
        return options;
    }

    [Fact]
    public void Settings_are_read_from_the_documented_names()
    {
        var options = Bind(
            ("HOTLINE_TWILIO_ACCOUNT_SID", FakeTwilio.AccountSid), ("HOTLINE_TWILIO_AUTH_TOKEN", "token"),
            ("HOTLINE_TWILIO_API_BASE", "http://127.0.0.1:9999/"), ("HOTLINE_PUBLIC_URL", "https://hotline.example.org/"),
            ("HOTLINE_TWILIO_FROM", "+355690000009"), ("HOTLINE_TWILIO_WHATSAPP_TEMPLATE_SID", TwilioHotline.TemplateSid),
            ("HOTLINE_SMS_FIRST_REPLY", "Hello.\\nTung."));
        Assert.True(options.Enabled);
        Assert.Equal("http://127.0.0.1:9999", options.ApiBase);
        Assert.Equal("https://hotline.example.org", options.PublicUrl);
        Assert.Equal("Hello.\nTung.", options.SmsFirstReply);
        Assert.True(new TwilioOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Without_credentials_the_channel_is_off_and_valid()
    {
        var options = Bind();
        Assert.False(options.Enabled);
        Assert.Equal(TwilioOptions.DefaultApiBase, options.ApiBase);
        Assert.True(new TwilioOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("HOTLINE_TWILIO_ACCOUNT_SID", "not-a-sid")]
    [InlineData("HOTLINE_TWILIO_API_BASE", "http://api.example.org")]
    [InlineData("HOTLINE_PUBLIC_URL", "hotline.example.org")]
    [InlineData("HOTLINE_TWILIO_MESSAGING_SERVICE_SID", "MG123")]
    [InlineData("HOTLINE_TWILIO_WHATSAPP_TEMPLATE_SID", "template")]
    public void A_wrong_setting_is_named_in_the_failure(string name, string value)
    {
        var settings = new Dictionary<string, string> { ["HOTLINE_TWILIO_ACCOUNT_SID"] = FakeTwilio.AccountSid, ["HOTLINE_TWILIO_AUTH_TOKEN"] = "token", [name] = value };
        var result = new TwilioOptionsValidator().Validate(null, Bind(settings.Select(s => (s.Key, s.Value)).ToArray()));
        Assert.True(result.Failed);
        Assert.Contains(name, result.FailureMessage);
    }

    [Fact]
    public void Replies_come_from_the_configured_service_then_the_configured_number_then_how_the_person_wrote()
    {
        var plain = new TwilioOptions();
        Assert.Equal("+355690000001", plain.ReplyVia(Channel.Sms, "+355690000001", null));
        Assert.Equal("whatsapp:+14155238886", plain.ReplyVia(Channel.WhatsApp, "whatsapp:+14155238886", null));
        Assert.Equal(TwilioHotline.ServiceSid, plain.ReplyVia(Channel.Sms, "+355690000001", TwilioHotline.ServiceSid));

        var number = new TwilioOptions { From = "+355690000009" };
        Assert.Equal("+355690000009", number.ReplyVia(Channel.Sms, "+355690000001", TwilioHotline.ServiceSid));
        Assert.Equal("whatsapp:+355690000009", number.ReplyVia(Channel.WhatsApp, "whatsapp:+14155238886", null));

        var service = new TwilioOptions { From = "+355690000009", MessagingServiceSid = TwilioHotline.ServiceSid };
        Assert.Equal(TwilioHotline.ServiceSid, service.ReplyVia(Channel.WhatsApp, "whatsapp:+14155238886", null));
    }
}
