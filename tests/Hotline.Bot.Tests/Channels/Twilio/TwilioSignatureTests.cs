using Microsoft.Extensions.Primitives;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>The hotline's signature check, against twilio-node's getExpectedTwilioSignature and validateRequest.</summary>
public sealed class TwilioSignatureTests
{
    private static readonly List<KeyValuePair<string, string>> SmsParams = TwilioHotline.Sms("+355691234567", "Më ndihmoni, ju lutem 🙏 & faleminderit");

    private static readonly List<KeyValuePair<string, string>> ServiceParams =
        TwilioHotline.Sms("+355691234567", "hello", messagingService: TwilioHotline.ServiceSid);

    private static readonly List<KeyValuePair<string, string>> RepeatedParams =
    [
        new("Body", "b"), new("MediaUrl", "https://x/2"), new("MediaUrl", "https://x/1"), new("MediaUrl", "https://x/2"), new("Empty", ""),
        new("a", "1"), new("B", "2"), new("_", "3"), new("Z", "4"),
    ];

    public static TheoryData<string, string, string> Urls => new()
    {
        // name, the URL Twilio signed, the URL the request arrived at
        { "same", "https://hotline.example.org/api/twilio/messages", "https://hotline.example.org/api/twilio/messages" },
        { "signed with :443, received without", "https://hotline.example.org:443/api/twilio/messages", "https://hotline.example.org/api/twilio/messages" },
        { "signed without, received with :443", "https://hotline.example.org/api/twilio/messages", "https://hotline.example.org:443/api/twilio/messages" },
        { "http with :80", "http://hotline.example.org:80/api/twilio/messages", "http://hotline.example.org/api/twilio/messages" },
        { "other port both", "https://hotline.example.org:8443/api/twilio/messages", "https://hotline.example.org:8443/api/twilio/messages" },
        { "other port signed, received without", "https://hotline.example.org:8443/api/twilio/messages", "https://hotline.example.org/api/twilio/messages" },
        { "query", "https://hotline.example.org/api/twilio/messages?deployment=tirana&x=1", "https://hotline.example.org/api/twilio/messages?deployment=tirana&x=1" },
        { "query reordered", "https://hotline.example.org/api/twilio/messages?x=1&deployment=tirana", "https://hotline.example.org/api/twilio/messages?deployment=tirana&x=1" },
        { "apostrophe as received", "https://hotline.example.org/api/twilio/messages?name=O'Brien", "https://hotline.example.org/api/twilio/messages?name=O'Brien" },
        { "apostrophe signed escaped", "https://hotline.example.org/api/twilio/messages?name=O%27Brien", "https://hotline.example.org/api/twilio/messages?name=O'Brien" },
        { "plus signed as %20 (legacy query string)", "https://hotline.example.org/api/twilio/messages?a=b%20c", "https://hotline.example.org/api/twilio/messages?a=b+c" },
        { "upper-case host", "https://hotline.example.org/api/twilio/messages", "https://HOTLINE.example.org/api/twilio/messages" },
        { "dot segments", "https://hotline.example.org/api/twilio/messages", "https://hotline.example.org/api/./x/../twilio/messages" },
        { "path with a space", "https://hotline.example.org/api/twilio%20x/messages", "https://hotline.example.org/api/twilio x/messages" },
        { "non-ASCII in the query", "https://hotline.example.org/api/twilio/messages?q=%C3%AB", "https://hotline.example.org/api/twilio/messages?q=ë" },
        { "different path", "https://hotline.example.org/api/twilio/status", "https://hotline.example.org/api/twilio/messages" },
        { "different host", "https://other.example.org/api/twilio/messages", "https://hotline.example.org/api/twilio/messages" },
        { "http signed, https received", "http://hotline.example.org/api/twilio/messages", "https://hotline.example.org/api/twilio/messages" },
        { "trailing slash", "https://hotline.example.org/api/twilio/messages/", "https://hotline.example.org/api/twilio/messages" },
        { "proxy with a path", "https://hotline.example.org/sms-gateway/api/twilio/messages?d=1", "https://hotline.example.org/sms-gateway/api/twilio/messages?d=1" },
        { "IPv6 literal with port", "http://[::1]:5080/api/twilio/messages", "http://[::1]/api/twilio/messages" },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Validation_agrees_with_twilio_node_on_urls_ports_and_proxies(string name, string signedUrl, string receivedUrl)
    {
        var cases = new[] { SmsParams, ServiceParams, RepeatedParams }
            .Select(p => new SignCase(signedUrl, p, receivedUrl)).ToList();
        var results = await TwilioNode.RunAsync(cases);
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = TwilioSignature.IsValid(FakeTwilio.AuthToken, results[i].Signature, receivedUrl, Form(cases[i].Params));
            Assert.True(results[i].Valid == ours, $"{name}, parameter set {i}: twilio-node says {results[i].Valid}, we say {ours}");
        }
    }

    [Fact]
    public async Task Computed_signature_is_the_one_twilio_node_computes()
    {
        var url = "https://hotline.example.org:443/api/twilio/messages?deployment=tirana";
        var cases = new[] { SmsParams, ServiceParams, RepeatedParams }.Select(p => new SignCase(url, p)).ToList();
        var results = await TwilioNode.RunAsync(cases);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(results[i].Signature, TwilioSignature.Compute(FakeTwilio.AuthToken, url, Form(cases[i].Params)));
        }
    }

    [Fact]
    public async Task Tampered_parameters_wrong_token_or_no_signature_are_refused_as_twilio_node_refuses_them()
    {
        const string url = "https://hotline.example.org/api/twilio/messages";
        var signature = await TwilioNode.SignAsync(url, SmsParams);
        var tampered = SmsParams.Select(p => p.Key == "Body" ? new KeyValuePair<string, string>("Body", "something else") : p).ToList();
        var otherToken = await TwilioNode.SignAsync(url, SmsParams, token: "another-token");
        var cases = new List<SignCase>
        {
            new(url, tampered, url, signature),
            new(url, SmsParams, url, otherToken),
            new(url, SmsParams, url, ""),
            new(url, SmsParams, url, signature.ToLowerInvariant()),
        };
        var results = await TwilioNode.RunAsync(cases);
        Assert.All(results, r => Assert.False(r.Valid));
        foreach (var c in cases) Assert.False(TwilioSignature.IsValid(FakeTwilio.AuthToken, c.Signature, url, Form(c.Params)));
        Assert.False(TwilioSignature.IsValid(FakeTwilio.AuthToken, null, url, Form(SmsParams)));
        Assert.True(TwilioSignature.IsValid(FakeTwilio.AuthToken, signature, url, Form(SmsParams)));
    }

    [Fact]
    public async Task Checks_one_after_another_on_one_thread_each_answer_for_their_own_token_and_parameters()
    {
        // The check keeps its keyed HMAC and its parameter buffer for the thread's next request: nothing of one check may
        // reach the next (a refused one, another token's, one whose form is too large to keep, a longer form before a shorter).
        const string url = "https://hotline.example.org/api/twilio/messages";
        var large = TwilioHotline.Sms("+355691234567", new string('a', 20_000));
        var signed = await TwilioNode.RunAsync([
            new SignCase(url, SmsParams), new SignCase(url, ServiceParams), new SignCase(url, large), new SignCase(url, SmsParams),
        ]);
        var otherToken = await TwilioNode.SignAsync(url, SmsParams, token: "another-token");
        var (sms, service, largeSignature) = (signed[0].Signature, signed[1].Signature, signed[2].Signature);
        var checks = new (string Token, string Signature, IReadOnlyList<KeyValuePair<string, string>> Params, bool Valid)[]
        {
            (FakeTwilio.AuthToken, service, SmsParams, false),
            (FakeTwilio.AuthToken, sms, SmsParams, true),
            ("another-token", otherToken, SmsParams, true),
            ("another-token", sms, SmsParams, false),
            (FakeTwilio.AuthToken, otherToken, SmsParams, false),
            (FakeTwilio.AuthToken, sms, SmsParams, true),
            (FakeTwilio.AuthToken, largeSignature, large, true),
            (FakeTwilio.AuthToken, sms, SmsParams, true),
            (FakeTwilio.AuthToken, service, ServiceParams, true),
            (FakeTwilio.AuthToken, sms, SmsParams, true),
            (FakeTwilio.AuthToken, sms, ServiceParams, false),
        };
        Assert.Equal(signed[0].Signature, signed[3].Signature);
        for (var i = 0; i < checks.Length; i++)
        {
            var (token, signature, parameters, valid) = checks[i];
            Assert.True(valid == TwilioSignature.IsValid(token, signature, url, Form(parameters)), $"check {i}: expected {(valid ? "valid" : "refused")}");
        }
    }

    private static Dictionary<string, StringValues> Form(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        parameters.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray()), StringComparer.Ordinal);
}
