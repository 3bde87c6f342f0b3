using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.Core.Hosting;

/// <summary>
/// Validates options on start with their own check, which says what is wrong in words that name the setting: the service
/// stops with that message, computed from the options as bound, not from a copy bound beforehand for the message alone.
/// </summary>
public static class OptionsCheck
{
    public static OptionsBuilder<T> ValidateOnStart<T>(this OptionsBuilder<T> builder, Func<T, string?> problem) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new ProblemValidation<T>(builder.Name, problem));
        return builder.ValidateOnStart();
    }
}
