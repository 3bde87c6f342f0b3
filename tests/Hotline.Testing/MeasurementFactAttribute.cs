using Xunit;

namespace Hotline.Testing;

/// <summary>A [Fact] that runs only when HOTLINE_MEASURE=1: measurements take a minute and load the machine, so CI skips them.</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("HOTLINE_MEASURE") != "1") Skip = "a measurement: run with HOTLINE_MEASURE=1";
    }
}
