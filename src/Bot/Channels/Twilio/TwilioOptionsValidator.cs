using Hotline.Core;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.Twilio;

internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        if (string.IsNullOrEmpty(options.AccountSid) != string.IsNullOrEmpty(options.AuthToken))
        {
            return ValidateOptionsResult.Fail("HOTLINE_TWILIO_ACCOUNT_SID and HOTLINE_TWILIO_AUTH_TOKEN go together: set both to serve SMS and WhatsApp, or neither");
        }
        if (!options.Enabled)
        {
            return options.Staff.Count == 0 ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Staff notice numbers (HOTLINE_TWILIO_STAFF, Twilio:Staff) need the Twilio channel: set HOTLINE_TWILIO_ACCOUNT_SID and HOTLINE_TWILIO_AUTH_TOKEN");
        }
        var failures = new List<string>();
        ValidateStaff(options, failures);
        if (!TwilioOptions.IsSid(options.AccountSid, "AC")) failures.Add("HOTLINE_TWILIO_ACCOUNT_SID must be an account SID: AC followed by 32 hexadecimal digits");
        if (!TwilioOptions.IsTrustedEndpoint(options.ApiBase)) failures.Add("HOTLINE_TWILIO_API_BASE must be an https URL (http only on loopback)");
        if (options.PublicUrl is { } publicUrl &&
            !(Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0))
        {
            failures.Add("HOTLINE_PUBLIC_URL must be the absolute http(s) base URL Twilio calls, without a query, e.g. https://hotline.example.org");
        }
        if (options.BehindProxy && options.PublicUrl is null)
        {
            // Otherwise the signed URL would be rebuilt from the Host and X-Forwarded-* headers of each request.
            failures.Add("Behind a proxy (HOTLINE_KNOWN_PROXIES) set HOTLINE_PUBLIC_URL to the URL Twilio calls: Twilio's signatures are checked over it");
        }
        if (options.MessagingServiceSid is { } service && !TwilioOptions.IsSid(service, "MG"))
        {
            failures.Add("HOTLINE_TWILIO_MESSAGING_SERVICE_SID must be a Messaging Service SID: MG followed by 32 hexadecimal digits");
        }
        if (options.WhatsAppTemplateSid is { } template && !TwilioOptions.IsSid(template, "HX"))
        {
            failures.Add("HOTLINE_TWILIO_WHATSAPP_TEMPLATE_SID must be a Content SID: HX followed by 32 hexadecimal digits");
        }
        if (options.MaxSegmentsPerSms is < 1 or > 10) failures.Add("MaxSegmentsPerSms must be between 1 and 10");
        if (options.MaxAttempts < 1) failures.Add("MaxAttempts must be at least 1");
        if (options.SendConcurrency < 1) failures.Add("SendConcurrency must be at least 1");
        if (options.OrderWait <= TimeSpan.Zero) failures.Add("OrderWait must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Names a staff member whose address is wrong, never the address itself.</summary>
    private static void ValidateStaff(TwilioOptions options, List<string> failures)
    {
        if (options.Staff.Count == 0) return;
        foreach (var (name, value) in options.Staff)
        {
            if (!StaffAddress.TryParse(value, out _)) failures.Add($"The staff address of '{name}' must be sms:+<country code><number> or whatsapp:+<country code><number>");
        }
        if (options.From is null && options.MessagingServiceSid is null)
        {
            failures.Add("Staff notices need a sender: set HOTLINE_TWILIO_FROM or HOTLINE_TWILIO_MESSAGING_SERVICE_SID");
        }
        if (options.StaffTemplateSid is { } template && !TwilioOptions.IsSid(template, "HX"))
        {
            failures.Add("HOTLINE_TWILIO_STAFF_TEMPLATE_SID must be a Content SID: HX followed by 32 hexadecimal digits");
        }
        if (options.StaffTemplateSid is null && options.Staff.Values.Any(v => StaffAddress.TryParse(v, out var a) && a.Channel == Channel.WhatsApp))
        {
            failures.Add("Staff on WhatsApp need an approved template outside the 24-hour window: set HOTLINE_TWILIO_STAFF_TEMPLATE_SID");
        }
    }
}
