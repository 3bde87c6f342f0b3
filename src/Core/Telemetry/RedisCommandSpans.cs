using System.Diagnostics;
using OpenTelemetry;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace Hotline.Core.Telemetry;

/// <summary>
/// Redis command spans, only where they tell something: under the hotline's own recorded spans (a message stored, its
/// event handled, its console signal), each a child span named by the command, with the database system and command
/// name and nothing else (never a key or an argument). StackExchange.Redis profiles a command only when such a span is
/// current, and the spans are made when that span ends. The Redis instrumentation package profiled every command of
/// every process (stream polls, acknowledgements, wakes, background sweeps as traces of their own) and turned each into a
/// span on a timer: CPU spent on every command for spans no trace needed.
/// </summary>
public sealed class RedisCommandSpans : BaseProcessor<Activity>
{
    public const string SourceName = "Hotline.Redis";

    private static readonly ActivitySource Source = new(SourceName);

    // The profiling session of a span, kept on the span itself: no table to clean up when spans end.
    private const string SessionProperty = "hotline.redis.session";

    /// <param name="multiplexer">The process's Redis connection; none (a command line without Redis): no command spans.</param>
    public RedisCommandSpans(IConnectionMultiplexer? multiplexer) => multiplexer?.RegisterProfiler(SessionOfCurrent);

    /// <summary>The session commands issued now are recorded in; null (not profiled) outside the hotline's recorded spans.</summary>
    private static ProfilingSession? SessionOfCurrent()
    {
        if (Activity.Current is not { Recorded: true } span || !ReferenceEquals(span.Source, HotlineTracing.Source)) return null;
        if (span.GetCustomProperty(SessionProperty) is ProfilingSession session) return session;
        lock (span)
        {
            if (span.GetCustomProperty(SessionProperty) is not ProfilingSession made)
            {
                made = new ProfilingSession();
                span.SetCustomProperty(SessionProperty, made);
            }
            return made;
        }
    }

    /// <summary>A hotline span ended: the commands it issued (and that finished) become its children.</summary>
    public override void OnEnd(Activity data)
    {
        if (data.GetCustomProperty(SessionProperty) is not ProfilingSession session) return;
        data.SetCustomProperty(SessionProperty, null);
        var current = Activity.Current;
        try
        {
            foreach (var command in session.FinishProfiling())
            {
                using var span = Source.StartActivity(command.Command, ActivityKind.Client, data.Context,
                    [new("db.system", "redis"), new("db.operation.name", command.Command)], startTime: command.CommandCreated);
                span?.SetEndTime(command.CommandCreated.ToUniversalTime() + command.ElapsedTime);
            }
        }
        finally
        {
            // Each command's span put back the one current before it (here the ending span itself, which Activity.Stop then
            // replaces by its parent): set only what differs, since setting a stopped span throws and catches an exception.
            if (!ReferenceEquals(Activity.Current, current) && current is not { IsStopped: true }) Activity.Current = current;
        }
    }
}
