using System.Diagnostics;
using OpenTelemetry;

namespace Hotline.Core.Telemetry;

/// <summary>Applies <see cref="SafeAttributes"/> to every span that ends, whatever instrumentation made it.</summary>
public sealed class SafeAttributesProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data) => SafeAttributes.Keep(data);
}
