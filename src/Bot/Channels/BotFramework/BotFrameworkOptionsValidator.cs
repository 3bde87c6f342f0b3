using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.BotFramework;

internal sealed class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var failures = new List<string>();
        try
        {
            ServiceUrlPolicy.Parse(options.ServiceUrls);
        }
        catch (FormatException e)
        {
            failures.Add("HOTLINE_BOTFRAMEWORK_SERVICE_URLS: " + e.Message);
        }
        if (!options.Enabled) return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        if (string.IsNullOrEmpty(options.AppPassword))
        {
            failures.Add("HOTLINE_BOTFRAMEWORK_APP_PASSWORD must be set with HOTLINE_BOTFRAMEWORK_APP_ID: the bot signs in with it to reply");
        }
        if (!BotFrameworkOptions.IsTrustedEndpoint(options.OpenIdMetadata, out _))
        {
            failures.Add("HOTLINE_BOTFRAMEWORK_OPENID_METADATA must be an https URL (http only on loopback)");
        }
        if (!BotFrameworkOptions.IsTrustedEndpoint(options.TokenEndpoint, out _))
        {
            failures.Add("HOTLINE_BOTFRAMEWORK_TOKEN_ENDPOINT must be an https URL (http only on loopback)");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
