using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Identity;
using Hotline.Screening;
using Microsoft.Extensions.Primitives;

namespace Hotline.Bot.Tests.Fuzz;

/// <summary>
/// Every parser of outside input, given generated input: it never throws, and it takes only what is well formed.
/// (The endpoints around them are fuzzed over HTTP in <see cref="TwilioWebhookFuzzTests"/> and <see cref="DirectLineFuzzTests"/>.)
/// </summary>
public sealed partial class ParserProperties : IDisposable
{
    private const int Cases = 1000;
    private readonly string secretsFile = Path.Combine(Path.GetTempPath(), $"hl-fuzz-{Guid.NewGuid():N}.json");
    private readonly DirectLineTokens tokens;

    public ParserProperties() => tokens = new DirectLineTokens(BotSecrets.LoadOrCreate(secretsFile), TimeProvider.System);

    public void Dispose() => File.Delete(secretsFile);

    private static Gen<KeyValuePair<string, StringValues>[]> Forms { get; } =
        Gen.ArrayOf(Gen.Zip(Gen.Frequency((3, Gen.Elements("MessageSid", "SmsSid", "From", "To", "Body", "NumMedia", "MessagingServiceSid", "ProfileName")), (1, FuzzInputs.Text)), FuzzInputs.Text))
            .Select(pairs => pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, new StringValues(p.Item2))).ToArray());

    [Fact]
    public void A_Twilio_signature_holds_for_exactly_the_url_and_parameters_it_was_made_for() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.Zip(Gen.Zip(FuzzInputs.Text, FuzzInputs.Text), Gen.Zip(Forms, FuzzInputs.Text)).ToArbitrary(),
            input =>
            {
                var ((token, path), (form, noise)) = input;
                var url = "https://hotline.example.org/api/twilio/messages" + Uri.EscapeDataString(path);
                var key = token.Length == 0 ? "t" : token;
                var signature = TwilioSignature.Compute(key, url, form);
                Assert.True(TwilioSignature.IsValid(key, signature, url, form));
                Assert.False(TwilioSignature.IsValid(key, noise, url, form) && noise != signature);
                Assert.False(TwilioSignature.IsValid(key + "x", signature, url, form));
                Assert.False(TwilioSignature.IsValid(key, signature, url, [.. form, KeyValuePair.Create("Extra" + noise, new StringValues("1"))]));
                if (form.Length > 0)
                {
                    var changed = form.Select((p, i) => i == 0 ? KeyValuePair.Create(p.Key, new StringValues(p.Value + "x")) : p).ToArray();
                    Assert.False(TwilioSignature.IsValid(key, signature, url, changed));
                }
            }));

    [Fact]
    public void A_Twilio_webhook_form_is_read_as_a_message_only_with_a_well_formed_sid_and_a_sender() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(Forms.ToArbitrary(), form =>
        {
            if (TwilioInboundMessage.FromForm(form) is not { } message) return;
            Assert.True(Ids.IsWellFormed(message.MessageSid));
            Assert.InRange(message.From.Length, 1, TwilioInboundMessage.MaxAddressLength);
            Assert.True(message.NumMedia >= 0);
        }));

    [Fact]
    public void No_made_up_or_altered_Direct_Line_token_is_accepted() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.Zip(Gen.Zip(FuzzInputs.Text, Gen.Choose(0, 2)), Gen.Choose(0, 1000)).ToArbitrary(),
            input =>
            {
                var ((text, kind), at) = input;
                var genuine = tokens.Issue().Token;
                var token = kind switch
                {
                    0 => text,
                    1 => "dl1." + text,
                    _ => genuine.Remove(at % genuine.Length, 1), // one character of a genuine token gone
                };
                var (state, grant) = tokens.Inspect(token);
                Assert.Equal(TokenState.Invalid, state);
                Assert.Null(grant);
                Assert.Null(tokens.Validate(token));
            }));

    [Fact]
    public void A_case_code_is_read_in_any_spelling_and_nothing_else_is_taken_for_one() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.OneOf(FuzzInputs.Text.Select(t => (Text: t, Code: (string?)null)), SpelledCodes).ToArbitrary(),
            input =>
            {
                var parsed = CaseCodeFormat.Parse(input.Text);
                if (input.Code is not null) Assert.Equal(input.Code, parsed);
                if (parsed is null) return;
                Assert.Matches(CanonicalCode(), parsed);
                Assert.Equal(parsed, CaseCodeFormat.Parse(parsed));
            }));

    [Fact]
    public void Every_phone_number_in_a_message_is_masked_and_nothing_else_changes_length() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.Zip(Gen.Zip(Words, PhoneNumbers), Gen.Zip(Words, FuzzInputs.Text)).ToArbitrary(),
            input =>
            {
                var ((before, phone), (after, noise)) = input;
                var text = $"{before} {phone} {after}";
                var masked = PhoneMask.Mask(text);
                Assert.Equal(text.Length, masked.Length);
                Assert.DoesNotContain(masked, char.IsAsciiDigit);
                Assert.Equal(masked, PhoneMask.Mask(masked));
                var any = PhoneMask.Mask(noise);
                Assert.Equal(noise.Length, any.Length);
            }));

    [Fact]
    public void A_bracketed_area_code_is_masked_with_the_rest_of_the_number() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.Zip(Gen.Zip(Words, BracketedNumbers), Words).ToArbitrary(),
            input =>
            {
                var ((before, phone), after) = input;
                var text = $"{before} {phone} {after}";
                var masked = PhoneMask.Mask(text);
                Assert.Equal(text.Length, masked.Length);
                Assert.DoesNotContain(masked, char.IsAsciiDigit);
            }));

    [Fact]
    public void A_staff_address_is_taken_only_as_sms_or_whatsapp_and_an_E164_number() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.OneOf(FuzzInputs.Text, Gen.Zip(Gen.Elements("sms", "SMS", "whatsapp", "fax", ""), Gen.OneOf(PhoneNumbers, FuzzInputs.Text)).Select(p => $"{p.Item1}:{p.Item2}")).ToArbitrary(),
            value =>
            {
                if (!StaffAddress.TryParse(value, out var address)) return;
                Assert.Matches("^\\+[1-9][0-9]{6,14}$", address.Number);
                Assert.Contains(address.Channel, new[] { Channel.Sms, Channel.WhatsApp });
            }));

    /// <summary>Words and spaces only: nothing next to a number that could make it longer.</summary>
    private static Gen<string> Words { get; } = Gen.ArrayOf(Gen.Elements("tungjatjeta", "help", "më", "ndihmoni", "ju", "lutem", "call")).Select(w => string.Join(' ', w));

    /// <summary>7 to 15 digits in groups, with the separators people write.</summary>
    private static Gen<string> PhoneNumbers { get; } =
        Gen.Zip(Gen.Elements("", "+"), Gen.Choose(7, 15)).SelectMany(p =>
            Gen.ArrayOf(Gen.Choose(0, 9), p.Item2).SelectMany(digits =>
                Gen.ArrayOf(Gen.Elements("", "", " ", "-", ".", "/"), digits.Length).Select(seps =>
                    p.Item1 + string.Concat(digits.Select((d, i) => (i > 0 && i % 3 == 0 ? seps[i] : "") + d)))));

    /// <summary>
    /// Numbers written with a bracketed area code ("(294) 910407-35", "+355 (0) 69 123 4567", "(04)-222.1892"): 7 to 15
    /// digits in all, the brackets and the separators around them as people type them.
    /// </summary>
    private static Gen<string> BracketedNumbers { get; } =
        Gen.Zip(Gen.Zip(Gen.Elements("", "+355 ", "+44 ", "00355 ", "+355"), Gen.Elements("(", "( ")), Gen.Choose(1, 4)).SelectMany(head =>
            Gen.Zip(Gen.Zip(Gen.Elements(")", ") ", ")-", ") -", ").", " )"), Gen.Choose(6, 9)), Gen.ArrayOf(Gen.Elements("", " ", "-", ".", "/"), 9)).SelectMany(tail =>
            {
                var ((country, open), area) = head;
                var ((close, rest), separators) = tail;
                return Gen.ArrayOf(Gen.Choose(0, 9), area + rest).Select(digits =>
                    country + open + string.Concat(digits.Take(area)) + close
                    + string.Concat(digits.Skip(area).Select((d, i) => (i > 0 && i % 3 == 0 ? separators[i] : "") + d)));
            }))
            .Where(number => number.Count(char.IsAsciiDigit) <= 15);

    /// <summary>A real code as a person might type it: any case, separators, a "kodi" in front.</summary>
    private static Gen<(string Text, string? Code)> SpelledCodes { get; } =
        Gen.Zip(Gen.Fresh(CaseCodeFormat.New), Gen.Zip(Gen.Elements("", "kodi ", "Code: ", "KOD "), Gen.Elements(" ", "-", "  ", ", ", "_"))).Select(input =>
        {
            var (code, (prefix, separator)) = input;
            var p = code.Split('-');
            return ($"{prefix}{p[0].ToUpperInvariant()}{separator}{p[1]}{separator}{p[2]}{separator}{p[3]}{p[4]}", (string?)code);
        });

    [GeneratedRegex("^[a-z0-9]+-[a-z0-9]+-[0-9]{3}-[0-9]{3}-[0-9]{3}$")]
    private static partial Regex CanonicalCode();
}
