using System.Net;
using System.Net.Http.Headers;
using FsCheck;
using FsCheck.Fluent;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Identity;
using Microsoft.Extensions.Primitives;

namespace Hotline.Bot.Tests.Fuzz;

/// <summary>
/// Generated webhook requests over real HTTP: unsigned, wrongly signed, correctly signed but malformed, not a form at all.
/// None gets a 5xx; each gets a clear 4xx problem; Redis holds exactly what it held before.
/// </summary>
public sealed class TwilioWebhookFuzzTests(FuzzHotline hotline) : IClassFixture<FuzzHotline>
{
    private const int Cases = 300;

    private static readonly Gen<List<KeyValuePair<string, string>>> Forms =
        Gen.ArrayOf(Gen.Zip(Gen.Frequency((3, Gen.Elements("MessageSid", "SmsSid", "From", "To", "Body", "NumMedia", "AccountSid", "WaId")), (1, FuzzInputs.Text)), FuzzInputs.Text))
            .Select(pairs => pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToList())
            .Where(form => FuzzInputs.EncodedLength(form) < FuzzInputs.MaxBody - 2_000);

    /// <summary>Signed forms that are not a message: no well-formed MessageSid/SmsSid, or no usable From.</summary>
    private static readonly Gen<List<KeyValuePair<string, string>>> Malformed =
        Gen.Zip(Forms, Gen.Zip(Gen.Choose(0, 2), FuzzInputs.Text)).Select(input =>
        {
            var (form, (kind, text)) = input;
            var sid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            form.RemoveAll(p => p.Key is "MessageSid" or "SmsSid" or "From");
            switch (kind)
            {
                case 0: // a sender but no usable SID
                    form.Add(new("From", "+355691234567"));
                    if (!Ids.IsWellFormed(text)) form.Add(new("MessageSid", text));
                    break;
                case 1: // a SID but no sender
                    form.Add(new("MessageSid", sid));
                    break;
                default: // a SID and a sender too long to be one
                    form.Add(new("MessageSid", sid));
                    form.Add(new("From", "+" + new string('5', TwilioInboundMessage.MaxAddressLength) + text));
                    break;
            }
            return FuzzInputs.AsSent(form);
        });

    [Fact]
    public async Task Unsigned_and_wrongly_signed_webhooks_get_403_and_store_nothing()
    {
        var before = await hotline.SettledAsync();

        await FuzzInputs.CheckAsync(Gen.Zip(Forms, Gen.OneOf(Gen.Constant<string?>(null), FuzzInputs.Text.Select(t => (string?)t))), Cases, async input =>
        {
            var (form, signature) = input;
            using var response = await TwilioHotline.PostAsync(hotline.Bot, hotline.Webhook, form, string.IsNullOrEmpty(signature) ? null : Header(signature));
            // 403, or 400 first when the body cannot even be read as a form (too long a key, too large a body).
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);
        });

        Assert.Equal(before, await hotline.EverythingAsync());
    }

    [Fact]
    public async Task Correctly_signed_webhooks_that_are_not_a_message_get_400_and_store_nothing()
    {
        var before = await hotline.SettledAsync();

        await FuzzInputs.CheckAsync(Malformed, Cases, async form =>
        {
            var signature = TwilioSignature.Compute(FakeTwilio.AuthToken, hotline.Webhook.ToString(),
                form.Select(p => KeyValuePair.Create(p.Key, new StringValues(p.Value))));
            using var response = await TwilioHotline.PostAsync(hotline.Bot, hotline.Webhook, form, signature);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        });

        Assert.Equal(before, await hotline.EverythingAsync());
    }

    [Fact]
    public async Task Bodies_that_are_no_form_get_a_4xx_and_store_nothing()
    {
        var before = await hotline.SettledAsync();

        await FuzzInputs.CheckAsync(Gen.Zip(FuzzInputs.Bytes, Gen.Elements("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x")), Cases, async input =>
        {
            var (body, type) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, hotline.Webhook) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            request.Headers.TryAddWithoutValidation(TwilioSignature.Header, "c2lnbmF0dXJl");
            using var response = await hotline.Bot.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
        });

        Assert.Equal(before, await hotline.EverythingAsync());
    }

    /// <summary>A header value HttpClient will send (it refuses line breaks and other control characters).</summary>
    private static string Header(string text) => new string(text.Where(c => c is >= ' ' and < (char)0x7F).ToArray()) is { Length: > 0 } s ? s : "x";

    private static async Task AssertProblemAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        Assert.True(expected.Contains(response.StatusCode), $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
