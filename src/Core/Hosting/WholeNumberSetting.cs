using System.Globalization;

namespace Hotline.Core.Hosting;

/// <summary>
/// A HOTLINE_* setting that must be a whole number: unset keeps the default; anything unreadable becomes -1, so that the
/// options' validation stops the service with the setting's name instead of quietly using the default.
/// </summary>
public static class WholeNumberSetting
{
    public static int Read(string? value, int unset) =>
        string.IsNullOrWhiteSpace(value) ? unset
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
}
