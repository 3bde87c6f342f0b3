using Microsoft.Extensions.Options;

namespace Hotline.Core.Cases;

/// <summary>Stops a service at start when a retention variable is malformed or names no outcome, saying which and why.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
}
