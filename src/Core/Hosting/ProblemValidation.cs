using Microsoft.Extensions.Options;

namespace Hotline.Core.Hosting;

/// <summary>Fails the named options with the message their check gives (<see cref="OptionsCheck.ValidateOnStart{T}"/>).</summary>
public sealed class ProblemValidation<T>(string? name, Func<T, string?> problem) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? optionsName, T options) =>
        name is not null && name != optionsName ? ValidateOptionsResult.Skip
        : problem(options) is { } message ? ValidateOptionsResult.Fail(message)
        : ValidateOptionsResult.Success;
}
