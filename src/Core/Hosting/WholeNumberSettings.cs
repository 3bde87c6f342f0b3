using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Hotline.Core.Hosting;

/// <summary>
/// The whole-number HOTLINE_* settings of one options class, each named once beside the property it sets: binding reads
/// every one (<see cref="WholeNumberSetting.Read"/>), and the check names the first that is not a positive whole number.
/// </summary>
public sealed class WholeNumberSettings<T> where T : class
{
    private readonly (string Name, PropertyInfo Property)[] settings;

    public WholeNumberSettings(params (string Name, Expression<Func<T, int>> Property)[] settings) =>
        this.settings = [.. settings.Select(s => (s.Name, (PropertyInfo)((MemberExpression)s.Property.Body).Member))];

    /// <summary>Sets each property from its setting; an unset one keeps the property's default.</summary>
    public void Bind(T options, IConfiguration configuration)
    {
        foreach (var (name, property) in settings)
        {
            property.SetValue(options, WholeNumberSetting.Read(configuration[name], (int)property.GetValue(options)!));
        }
    }

    /// <summary>"NAME must be a positive whole number" for the first setting that is not one, or null.</summary>
    public string? NotPositive(T options) =>
        settings.FirstOrDefault(s => (int)s.Property.GetValue(options)! <= 0) is { Name: { } name } ? $"{name} must be a positive whole number" : null;
}
