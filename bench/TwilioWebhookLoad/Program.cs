using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Hotline.Bench;
using Hotline.Bot.Channels.Twilio;
using Hotline.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using StackExchange.Redis;

// Load on POST /api/twilio/messages at a fixed arrival rate (open loop: requests go out on schedule whether or not earlier
// ones have been answered), on loopback, end to end. A fresh redis-server (AOF, fsync always, production's ACL) and the
// Bot, Triage worker and Operator service each as its own process (as infra/up runs them), so each one's CPU time is read
// from /proc; a fake Twilio REST API answers the replies. In one run:
//   1. a bare endpoint (reads the signed form, answers the same empty TwiML, nothing else) at the same rate: the baseline;
//   2. the webhook at the same rate: latency, beside it the same bare endpoint probed at --bare-probe (50) requests/s
//      while the webhook's load runs (the ratio under the same conditions, besides the ratio to the bare endpoint alone),
//      CPU per message of every process, Redis commands per message (INFO
//      commandstats, the hotline's: the commands this bench sent itself meanwhile, which it counts, taken out; the total
//      with them printed too), while it is sent the machine's busy share, this process's own CPU and each service's collections,
//      their pauses and methods jitted, redis-server's syncs of its append-only file a message (perf stat on its fdatasync
//      and fsync calls, when perf may trace it: appendfsync always syncs once in every turn of its loop that wrote), and the time from an urgent message from a new sender to the console's SignalR alert (--alerts of
//      them, spread over the run and sent whether or not earlier ones were alerted yet, each sample to its own hotline
//      number so its alert is told apart by the conversation's reply route);
//   3. with --flood R: --pairs P (1) pairs of runs of the other senders' traffic, alternating: first alone, then while one
//      sender floods at R requests/s (over its limit within the first second); each pair's p99 flooded against unflooded,
//      and what the flood added per flood request (CPU of each process, Redis commands), the flooded run's minus the
//      unflooded one's.
//
//   dotnet build bench/TwilioWebhookLoad -c Release   (after dotnet build Hotline.sln -c Release)
//   dotnet bench/TwilioWebhookLoad/bin/Release/net10.0/TwilioWebhookLoad.dll [--rate 200] [--seconds 10] [--warmup 3]
//       [--senders 300] [--alerts 40] [--flood 500] [--pairs 1] [--monitor] [--restart] [--service-env NAME=VALUE]...
//       [--warmup-max 90] [--warmup-at-rate 4] [--bare-probe 50]
// Before any of it, a warm-up at half the rate (at most 200/s), in slices of 3 s (each drained before the next), every
// slice printed, until the steady state (SteadyState: the services' CPU a message the same in the last three slices and
// no longer falling, and their runtimes' JIT quiet, by the methods compiled on each one's /metrics) once --warmup seconds
// of requests were sent, or --warmup-max (90) seconds of them; it prints why it stopped. The JIT's tier-up and the thread
// pool's growth would otherwise count as the messages' cost: two start-up slices at 7.6 ms a message can agree while
// the steady state is 1.0 ms. Then, when --rate is above the warm-up's rate, up to --warmup-at-rate (4) slices of 3 s at
// --rate until one compiles at most 100 methods across the services (0: none, the method of figures measured before it).
// --restart: after the warm-up, one slice at --rate, then the Bot killed with kill -9 (as the fault tests do) and started
// again, and --seconds of requests at --rate in slices of 3 s: the time a restarted Bot takes to its steady state.
// --service-env NAME=VALUE (repeatable): a runtime setting for every service process (DOTNET_TieredPGO=0 …), to compare.
// --monitor traces every command with MONITOR (per service, command and key pattern) instead of timing anything; with
// --flood R, then also up to 1,000 requests of one sender already over its limit, at R/s (at most 200/s).
// Figures are written with a dot, whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var rate = Option("--rate", 200);
var seconds = Option("--seconds", 10);
var warmupSeconds = Option("--warmup", 3);
var warmupMaxSeconds = Math.Max(warmupSeconds, Option("--warmup-max", 90));
var senderCount = Option("--senders", 300);
var alertSamples = Option("--alerts", 40);
var floodRate = Option("--flood", 0);
var pairs = Option("--pairs", 1);
var bareProbeRate = Option("--bare-probe", 50);
var trace = args.Contains("--monitor");
var restart = args.Contains("--restart");
var serviceEnvironment = args.Select((a, i) => (a, i)).Where(p => p.a == "--service-env" && p.i + 1 < args.Length)
    .Select(p => args[p.i + 1].Split('=', 2)).Select(p => p.Length == 2 && p[0].Length > 0 ? KeyValuePair.Create(p[0], p[1])
        : throw new ArgumentException("--service-env NAME=VALUE")).ToList();
if (rate <= 0 || seconds <= 0 || seconds > 120 || rate > 2000 || floodRate is < 0 or > 2000 || senderCount <= 0 || pairs is < 1 or > 20
    || bareProbeRate is < 0 or > 200)
{
    throw new ArgumentException("--rate 1..2000, --seconds 1..120, --flood 0..2000, --senders > 0, --pairs 1..20, --bare-probe 0..200");
}
const string Flooder = "+355690999999";
// This bench's own Redis commands so far, by name (Sent).
var ownCommands = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);

const string AccountSid = "AC0123456789abcdef0123456789abcdef";
const string AuthToken = "bench-auth-token-0123456789abcdef";
const string DemoPassword = "correct horse battery staple";
const string UrgentText = "burri po me rreh tani, ka thike ne dore, ndihme";

// The fake Twilio: 201 with a new SID to every message, as fast as it can.
await using var fake = Slim();
var repliesPosted = 0;
fake.MapPost("/2010-04-01/Accounts/{account}/Messages.json", () =>
{
    Interlocked.Increment(ref repliesPosted);
    return Results.Json(new { sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), status = "queued" }, statusCode: 201);
});
// The baseline: the same request read and answered the same way by Kestrel in this process, and nothing else.
fake.MapPost("/bare", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    return form.Count > 0 ? Results.Text(TwilioApi.EmptyTwiml, "text/xml") : Results.BadRequest();
});
await fake.StartAsync();
var fakeUrl = new Uri(fake.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

// The abuse limits are raised (every bench sender talks from 127.0.0.1), except, in a flood run, the answers per SMS
// sender: twice what a normal sender here sends, far below the flood.
var perSenderMinute = Math.Max(10, (int)Math.Ceiling(2.0 * rate / senderCount * 60));
var limits = new Dictionary<string, string?>(TestLimits.Raised);
if (floodRate > 0) limits["HOTLINE_LIMIT_SMS_PER_SENDER"] = perSenderMinute.ToString(CultureInfo.InvariantCulture);
var host = new HotlineHost(new HotlineHostOptions
{
    Name = "hotline-bench",
    DemoPassword = DemoPassword,
    ConsoleLogs = false,
    Settings = new Dictionary<string, string?>(limits)
    {
        ["HOTLINE_TWILIO_ACCOUNT_SID"] = AccountSid,
        ["HOTLINE_TWILIO_AUTH_TOKEN"] = AuthToken,
        ["HOTLINE_TWILIO_API_BASE"] = fakeUrl.ToString(),
    },
});
await host.InitializeAsync();
var services = new List<ServiceProcess>();
using var metricsHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
try
{
    services.Add(ServiceProcess.Start("Triage", "triage", host.Settings, listens: false, serviceEnvironment));
    services.Add(ServiceProcess.Start("Bot", "bot", host.Settings, listens: true, serviceEnvironment));
    services.Add(ServiceProcess.Start("Operator", "operator", host.Settings, listens: true, serviceEnvironment));
    foreach (var s in services) await s.WaitReadyAsync(TimeSpan.FromSeconds(120));
    var botUrl = services[1].Url!;
    var operatorUrl = services[2].Url!;
    var webhook = new Uri(botUrl, "/api/twilio/messages");
    var bare = new Uri(fakeUrl, "/bare");
    await using var inspector = await host.Redis.ConnectAsync();
    var redisPid = int.Parse((await inspector.GetServer(host.Redis.ConnectionString).InfoAsync("server")).SelectMany(g => g).First(p => p.Key == "process_id").Value, CultureInfo.InvariantCulture);

    // The console: signed in as the demo operator, alerted over SignalR as the browser is (a new open high or critical case).
    using var operatorHttp = new HttpClient { BaseAddress = operatorUrl, Timeout = TimeSpan.FromSeconds(60) };
    var token = await Hotline.Operator.Accounts.ClientKeys.SignInAsync(operatorHttp, "demo", DemoPassword);
    // Each open high or critical case, when its first alert arrived (Stopwatch ticks).
    var alerted = new ConcurrentDictionary<string, long>();
    await using var hub = new HubConnectionBuilder()
        .WithUrl(new Uri(operatorUrl, "/hubs/console?rows=several"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();
    void Alerted(JsonElement c, long at)
    {
        var id = c.GetProperty("id").GetString()!;
        var severity = c.GetProperty("severity").GetString();
        if (c.GetProperty("status").GetString() == "open" && severity is "high" or "critical") alerted.TryAdd(id, at);
    }
    hub.On<JsonElement>("caseChanged", c => Alerted(c, Stopwatch.GetTimestamp()));
    // Several cases' rows in one message (the relay sends a read's rows together).
    hub.On<JsonElement>("casesChanged", rows =>
    {
        var at = Stopwatch.GetTimestamp();
        foreach (var c in rows.EnumerateArray()) Alerted(c, at);
    });
    await hub.StartAsync();

    // Requests are built and signed before the clock starts, so the generator does little while measuring.
    string[] texts =
    [
        "Përshëndetje, a mund të flas me dikë?", "Hello, I need some advice", "Burri më bërtet çdo natë dhe kam frikë",
        "faleminderit", "A është kjo bisedë konfidenciale?", "I don't feel safe at home", "ok", "Po, jam mirë tani",
        UrgentText, "Ku mund të shkoj sonte?",
    ];
    var senders = Enumerable.Range(0, senderCount).Select(i => "+35569" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture)).ToArray();
    var measuredCount = seconds * rate;
    var measured = Build(webhook, measuredCount, i => (senders[i % senders.Length], texts[(i / senders.Length + i) % texts.Length]));

    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    Console.WriteLine($"Machine: {Environment.ProcessorCount} CPUs, load average {LoadAverage()} at the start, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}" +
        (serviceEnvironment.Count > 0 ? $"; services run with {string.Join(" ", serviceEnvironment.Select(e => $"{e.Key}={e.Value}"))}" : ""));
    await WarmUpAsync(client, webhook, inspector, senders, texts);
    if (!trace && !restart) await WarmUpAtRateAsync(client, webhook, inspector, senders, texts);
    if (restart) return await RestartAsync(client, webhook, inspector, redisPid, senders, texts);

    if (trace)
    {
        var traced = Build(webhook, Math.Min(measuredCount, 2000), i => (senders[i % senders.Length], texts[(i / senders.Length + i) % texts.Length]));
        var tracedSentBefore = await CommandsSentAsync();
        await using var monitor = await RedisCommandTrace.StartAsync(host.Redis);
        var run = await RunAsync(client, traced, Math.Min(rate, 100));
        await WaitQuietAsync(inspector);
        var tracedSentAfter = await CommandsSentAsync();
        Console.WriteLine($"Traced {traced.Requests.Length} webhook requests at {Math.Min(rate, 100)}/s ({run.Errors} errors); Redis commands a message, by service:");
        await monitor.ReportAsync(host.Redis, traced.Requests.Length, Console.Out);
        Console.WriteLine(CommandsSummary(double.NaN, tracedSentBefore, tracedSentAfter, traced.Requests.Length));
        if (floodRate == 0) return run.Errors == 0 ? 0 : 1;
        // One sender over its limit first (not traced), then its requests traced alone.
        var floodTraceRate = Math.Min(floodRate, 200);
        var over = await RunAsync(client, Build(webhook, perSenderMinute + 10, i => (Flooder, texts[i % texts.Length])), floodTraceRate);
        await WaitQuietAsync(inspector);
        var flooding = Build(webhook, Math.Min(floodRate * seconds, 1000), i => (Flooder, texts[(i + 1) % texts.Length]));
        await using var floodMonitor = await RedisCommandTrace.StartAsync(host.Redis);
        var floodTraced = await RunAsync(client, flooding, floodTraceRate);
        await WaitQuietAsync(inspector);
        Console.WriteLine($"Traced {flooding.Requests.Length} requests of one sender over its limit ({perSenderMinute} a minute) at {floodTraceRate}/s ({floodTraced.Errors + over.Errors} errors); Redis commands a flood request, by service:");
        await floodMonitor.ReportAsync(host.Redis, flooding.Requests.Length, Console.Out);
        return run.Errors + floodTraced.Errors + over.Errors == 0 ? 0 : 1;
    }

    var baseline = await RunAsync(client, Build(bare, measuredCount, i => (senders[i % senders.Length], texts[i % texts.Length])), rate);
    Console.WriteLine($"Bare endpoint (form read, empty TwiML): {Summary(baseline)}");

    // redis-server's syncs of its append-only file (appendfsync always: one in every turn of its loop that wrote), counted
    // over the same part as the CPU time: from here until every stream was drained.
    await using var syncs = await SyncCount.StartAsync(redisPid);
    var cpuBefore = services.ToDictionary(s => s.Name, s => s.Cpu());
    var redisCpuBefore = ProcessCpu(redisPid);
    var commandsBefore = await RedisCommandsAsync(inspector);
    var ownBefore = Own();
    var repliesBefore = Volatile.Read(ref repliesPosted);
    var sentBefore = await CommandsSentAsync();
    // Urgent messages from senders who never wrote, each to its own hotline number (the conversation's reply route), spread
    // evenly over the run and sent on schedule: a slow alert does not hold back the next sample.
    var alertSent = new long[Math.Max(0, alertSamples)];
    var alertAnswered = new long[alertSent.Length];
    await using var stages = await AlertStages.StartAsync(host.Redis);
    var alertRun = Task.Run(async () =>
    {
        var gap = TimeSpan.FromSeconds((double)seconds / Math.Max(1, alertSamples));
        var clock = Stopwatch.StartNew();
        var posts = new List<Task<bool>>();
        for (var k = 0; k < alertSent.Length; k++)
        {
            var (form, signature) = AlertSample(webhook, k);
            var due = gap * (k + 0.5);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            alertSent[k] = Stopwatch.GetTimestamp();
            var sample = k;
            posts.Add(Task.Run(async () =>
            {
                var ok = await PostAsync(client, webhook, form, signature);
                alertAnswered[sample] = Stopwatch.GetTimestamp();
                return ok;
            }));
        }
        return (await Task.WhenAll(posts)).Count(ok => !ok);
    });
    // Where the measured part's time went beside the services' CPU: the machine's busy share, this process's own CPU (the
    // generator and the fake Twilio run on the same cores as the services) and each service's collections and JIT.
    var (runtimeBefore, machineBefore, selfBefore) = (await RuntimeCountsAsync(), MachineJiffies(), Process.GetCurrentProcess().TotalProcessorTime);
    // The bare endpoint again, at a low rate while the webhook's load runs: what any request to a server on this machine waits
    // then (its cores, the bench's own share of them), to set against the webhook's time under the same conditions.
    var probe = bareProbeRate == 0 ? Task.FromResult<Run?>(null)
        : Task.Run<Run?>(async () => await RunAsync(client, Build(bare, seconds * bareProbeRate, i => (senders[(i * 7) % senders.Length], texts[i % texts.Length])), bareProbeRate));
    var sending = Stopwatch.StartNew();
    var loaded = await RunAsync(client, measured, rate);
    var (runtimeAfter, machineAfter, selfAfter) = (await RuntimeCountsAsync(), MachineJiffies(), Process.GetCurrentProcess().TotalProcessorTime);
    var sent = sending.Elapsed;
    var alertErrors = await alertRun;
    var probed = await probe;
    await WaitQuietAsync(inspector);
    var messages = measured.Requests.Length + alertSent.Length;
    var cpu = services.ToDictionary(s => s.Name, s => s.Cpu() - cpuBefore[s.Name]);
    var redisCpu = ProcessCpu(redisPid) - redisCpuBefore;
    var synced = syncs is null ? null : await syncs.StopAsync();
    var commandsAfter = await RedisCommandsAsync(inspector);
    var replies = Volatile.Read(ref repliesPosted) - repliesBefore;
    var sentAfter = await CommandsSentAsync();
    // What this bench sent itself meanwhile: its polls and readings, and the stage trace's reads.
    var benchOwn = OwnSince(ownBefore);
    benchOwn["xread"] = Interlocked.Read(ref stages.Reads);

    Console.WriteLine($"Webhook: {Summary(loaded)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  p99 against the bare endpoint: {Percentile(loaded.Latencies, 99) / Percentile(baseline.Latencies, 99):F2}x alone before the load") +
        (probed is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $", {Percentile(loaded.Latencies, 99) / Percentile(probed.Latencies, 99):F2}x probed during it (median {Percentile(loaded.Latencies, 50) / Percentile(probed.Latencies, 50):F2}x)")));
    if (probed is not null) Console.WriteLine($"  bare endpoint probed at {bareProbeRate}/s during the load: {Summary(probed)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  while it was sent ({sent.TotalSeconds:F1} s): the machine's {Environment.ProcessorCount} CPUs {100.0 * (machineAfter.Busy - machineBefore.Busy) / (machineAfter.Total - machineBefore.Total):F1} % busy; " +
        $"this bench process (generator, fake Twilio) {(selfAfter - selfBefore) / sent:F2} CPUs; each service's runtime, collections (all generations), time paused by them, methods jitted, " +
        $"KB allocated a message sent meanwhile: ") +
        string.Join("; ", runtimeAfter.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Key} {r.Value.Collections - runtimeBefore[r.Key].Collections:F0}, {r.Value.Paused - runtimeBefore[r.Key].Paused:F2} s, {r.Value.Jitted - runtimeBefore[r.Key].Jitted:F0}, " +
            $"{(r.Value.Allocated - runtimeBefore[r.Key].Allocated) / 1024 / loaded.Latencies.Length:F1} KB"))));
    var total = cpu.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b) + redisCpu;
    Console.WriteLine(
        $"CPU a message ({messages} messages, CPU time of each process from /proc until every stream was drained): " +
        string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value.TotalMilliseconds / messages:F3} ms")) +
        $", redis-server {redisCpu.TotalMilliseconds / messages:F3} ms; all services {total.TotalMilliseconds / messages:F3} ms");
    // INFO commandstats counts every client's commands: the hotline's are what is left once this bench's own are taken out.
    var executed = commandsAfter.ToDictionary(c => c.Key, c => c.Value - commandsBefore.GetValueOrDefault(c.Key));
    // As this line printed it before the bench's own were taken out (only the stage trace's reads were, then).
    var asBefore = (executed.Values.Sum() - benchOwn["xread"]) / (double)messages;
    var perMessage = executed.Select(c => (c.Key, Calls: (c.Value - benchOwn.GetValueOrDefault(c.Key)) / (double)messages))
        .Where(c => c.Calls > 0.005).OrderByDescending(c => c.Calls).ToList();
    var hotline = executed.Sum(c => c.Value - benchOwn.GetValueOrDefault(c.Key)) / (double)messages;
    Console.WriteLine(
        $"Redis commands a message (INFO commandstats, every service, those run inside scripts included), the hotline's: {hotline:F2} — " +
        string.Join(", ", perMessage.Select(c => $"{c.Key} {c.Calls:F2}")));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  as printed before, with this bench's polls and readings: {asBefore:F2}; the bench's own {benchOwn.Values.Sum() / (double)messages:F2} a message ") +
        $"(its polls of the streams while they drain, its readings of the counts, the alert stages' reads: " +
        string.Join(", ", benchOwn.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value / (double)messages:F3}"))) + ")");
    // Each reply part posted is a record and a delivery state: a run whose Bot answered less executes fewer commands.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reply parts posted to the fake Twilio meanwhile: {replies} ({replies / (double)messages:F3} a message)"));
    Console.WriteLine(CommandsSummary(hotline, sentBefore, sentAfter, messages));
    Console.WriteLine(synced is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"Syncs of Redis's append-only file (fdatasync and fsync, perf stat on redis-server until the streams were drained): {n} ({n / (double)messages:F3} a message)")
        : "Syncs of Redis's append-only file: not counted (perf stat could not trace redis-server)");
    var alerts = await AlertLatenciesAsync(inspector, alertSent, alerted, alertAnswered, stages);
    Console.WriteLine(alerts.Length == 0 ? $"Alert latency: no sample of {alertSent.Length}"
        : string.Create(CultureInfo.InvariantCulture,
            $"Urgent message from a new sender -> console SignalR alert, {alerts.Length} of {alertSent.Length} samples ({alertErrors} not 200): median {Percentile(alerts, 50):F1} ms, p95 {Percentile(alerts, 95):F1} ms, p99 {Percentile(alerts, 99):F1} ms, max {alerts[^1]:F1} ms"));

    var failed = baseline.Errors + loaded.Errors + (probed?.Errors ?? 0) + alertErrors + (alertSent.Length - alerts.Length);
    if (floodRate > 0) failed += await FloodPairsAsync(client, webhook, inspector, redisPid, senders, texts, measuredCount);
    Console.WriteLine($"Replies posted to the fake Twilio: {Volatile.Read(ref repliesPosted)}; load average {LoadAverage()} at the end");
    return failed == 0 ? 0 : 1;
}
finally
{
    foreach (var s in services) await s.DisposeAsync();
    await host.DisposeAsync();
}

// --pairs pairs of the other senders' traffic, alternating: alone, then beside one sender flooding at --flood/s. Each run
// is drained before the next; a flooded run's CPU and commands minus its unflooded twin's are what the flood added.
async Task<int> FloodPairsAsync(HttpClient http, Uri target, IConnectionMultiplexer redis, int redisPid, string[] senders, string[] texts, int count)
{
    var errors = 0;
    var (calm, flooded) = (new List<double>(), new List<double>());
    var ratios = new List<double>();
    for (var pair = 0; pair < pairs; pair++)
    {
        // Built and signed before the clocks start.
        var (othersAlone, othersBeside) = (Others(pair * 2), Others(pair * 2 + 1));
        var floodBatch = Build(target, floodRate * seconds, i => (Flooder, texts[(i + pair) % texts.Length]));
        var (alone, aloneCost) = await MeasuredAsync(redis, redisPid, async () => (await RunAsync(http, othersAlone, rate), (Run?)null));
        var (beside, besideCost) = await MeasuredAsync(redis, redisPid, async () =>
        {
            var flood = RunAsync(http, floodBatch, floodRate);
            var others = await RunAsync(http, othersBeside, rate);
            return (others, await flood);
        });
        var flooder = beside.Flood!;
        errors += alone.Others.Errors + beside.Others.Errors + flooder.Errors;
        calm.AddRange(alone.Others.Latencies);
        flooded.AddRange(beside.Others.Latencies);
        var ratio = Percentile(beside.Others.Latencies, 99) / Percentile(alone.Others.Latencies, 99);
        ratios.Add(ratio);
        var n = flooder.Latencies.Length;
        Console.WriteLine($"Flood pair {pair + 1} of {pairs} (load average {LoadAverage()}):");
        Console.WriteLine($"  other senders, unflooded: {Summary(alone.Others)}");
        Console.WriteLine($"  other senders, flooded:   {Summary(beside.Others)}");
        Console.WriteLine($"  the flooder at {floodRate}/s: {Summary(flooder)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  others' p99 flooded / unflooded: {Percentile(beside.Others.Latencies, 99):F2} / {Percentile(alone.Others.Latencies, 99):F2} ms = {ratio:F2}x"));
        var added = besideCost.Cpu.ToDictionary(c => c.Key, c => (c.Value - aloneCost.Cpu[c.Key]).TotalMilliseconds / n);
        Console.WriteLine(
            $"  added by the flood, per flood request: {string.Join(", ", added.Select(c => $"{c.Key} {c.Value:F3} ms"))}; all {added.Values.Sum():F3} ms of CPU; " +
            $"Redis commands {(besideCost.Commands - aloneCost.Commands) / (double)n:F2} (unflooded: {aloneCost.Commands / (double)count:F2} a message)");
    }
    calm.Sort();
    flooded.Sort();
    var sorted = ratios.Order().ToArray();
    var (pooledCalm, pooledFlooded) = (calm.ToArray(), flooded.ToArray());
    Console.WriteLine(
        $"Flood, {pairs} pair(s): others' p99 flooded / unflooded, median of the pairs {Percentile(sorted, 50):F2}x (each: {string.Join(", ", ratios.Select(r => $"{r:F2}"))}); " +
        $"all pairs pooled {Percentile(pooledFlooded, 99):F2} / {Percentile(pooledCalm, 99):F2} ms = {Percentile(pooledFlooded, 99) / Percentile(pooledCalm, 99):F2}x");
    return errors;

    Batch Others(int run) => Build(target, count, i => (senders[i % senders.Length], texts[(i / senders.Length + i + 3 + run) % texts.Length]));
}

// A part run and drained, with the CPU time of every process (the services and redis-server) and the Redis commands it took.
async Task<((Run Others, Run? Flood) Runs, (Dictionary<string, TimeSpan> Cpu, long Commands) Cost)> MeasuredAsync(IConnectionMultiplexer redis, int redisPid, Func<Task<(Run, Run?)>> part)
{
    var cpuBefore = services.ToDictionary(s => s.Name, s => s.Cpu());
    cpuBefore["redis-server"] = ProcessCpu(redisPid);
    var commandsBefore = (await RedisCommandsAsync(redis)).Values.Sum();
    var ownBefore = Own();
    var runs = await part();
    await WaitQuietAsync(redis);
    var cpu = services.ToDictionary(s => s.Name, s => s.Cpu() - cpuBefore[s.Name]);
    cpu["redis-server"] = ProcessCpu(redisPid) - cpuBefore["redis-server"];
    // The hotline's commands: this bench's own polls and readings taken out.
    var own = OwnSince(ownBefore).Values.Sum();
    return (runs, (cpu, (await RedisCommandsAsync(redis)).Values.Sum() - commandsBefore - own));
}

// Until the steady state (SteadyState), every slice printed; every sender writes in the first slice, so in the measured
// part a new case is one of the alert samples'.
int WarmUpRate() => Math.Max(1, Math.Min(rate / 2, 200));

async Task WarmUpAsync(HttpClient http, Uri target, IConnectionMultiplexer redis, string[] senders, string[] texts)
{
    var perSecond = WarmUpRate();
    const int SliceSeconds = 3;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Warm-up: slices of {SliceSeconds} s at {perSecond}/s from {senderCount} senders (1 in 50 with media), at least {warmupSeconds} s, until the steady state " +
        $"(the last {SteadyState.Agreeing} slices' CPU a message within {SteadyState.Margin:P0} of each other, the latest within {SteadyState.Margin:P0} of the lowest seen, " +
        $"at most {SteadyState.QuietMethods} methods jitted across the services in each; at most {warmupMaxSeconds} s of requests)"));
    var slices = new List<WarmUpSlice>();
    for (var slice = 0; ; slice++)
    {
        var count = slice == 0 ? Math.Max(perSecond * SliceSeconds, senderCount) : perSecond * SliceSeconds;
        var batch = Build(target, count, i => (senders[(slice * 7 + i) % senders.Length], texts[(slice + i) % texts.Length]));
        var jitBefore = await JittedAsync();
        var before = services.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Cpu());
        var run = await RunAsync(http, batch, perSecond);
        await WaitQuietAsync(redis);
        var perMessage = (services.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Cpu()) - before).TotalMilliseconds / count;
        var jitted = Jitted(jitBefore, await JittedAsync());
        slices.Add(new WarmUpSlice(perMessage, jitted.Total));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  slice {slice + 1}: {count} requests, {run.Errors} not 200, p99 {Percentile(run.Latencies, 99):F1} ms; services' CPU a message {perMessage:F3} ms; methods jitted {jitted.Text}"));
        // Counted in seconds of requests sent, not of waiting for the streams to drain, which a loaded machine stretches.
        var sent = (slice + 1) * SliceSeconds;
        var settled = SteadyState.Settled(slices);
        if (sent >= warmupSeconds && settled is not null)
        {
            Console.WriteLine($"  settled after {sent} s of requests: {settled}");
            break;
        }
        if (sent >= warmupMaxSeconds)
        {
            Console.WriteLine($"  not settled within {warmupMaxSeconds} s of requests (the CPU a message still moving or the JIT still busy): measuring anyway");
            break;
        }
    }
}

// Then, when the measured rate is above the warm-up's, slices of 3 s at --rate (each drained before the next) until one
// compiles at most SteadyState.QuietMethods methods across the services, at most --warmup-at-rate (4) slices: at 1,000/s
// the services take paths the slower warm-up never ran (larger batches, longer queues), and without this the Bot compiled
// 865 methods in the measured 10 s, its tiered-compilation thread a tenth of its CPU there.
async Task WarmUpAtRateAsync(HttpClient http, Uri target, IConnectionMultiplexer redis, string[] senders, string[] texts)
{
    const int SliceSeconds = 3;
    var maxSlices = Option("--warmup-at-rate", 4);
    if (rate <= WarmUpRate() || maxSlices <= 0) return;
    Console.WriteLine($"Warm-up at the measured rate: slices of {SliceSeconds} s at {rate}/s until one compiles at most {SteadyState.QuietMethods} methods across the services, at most {maxSlices} slices");
    for (var slice = 0; slice < maxSlices; slice++)
    {
        var count = rate * SliceSeconds;
        var batch = Build(target, count, i => (senders[(slice * 11 + i) % senders.Length], texts[(slice + i + 3) % texts.Length]));
        var jitBefore = await JittedAsync();
        var run = await RunAsync(http, batch, rate);
        await WaitQuietAsync(redis);
        var jitted = Jitted(jitBefore, await JittedAsync());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  slice {slice + 1}: {count} requests, {run.Errors} not 200, p99 {Percentile(run.Latencies, 99):F1} ms; methods jitted {jitted.Text}"));
        if (jitted.Total is <= SteadyState.QuietMethods) return;
    }
    Console.WriteLine($"  the JIT still busy after {maxSlices} slices at {rate}/s: measuring anyway");
}

// --restart: the Bot killed with kill -9 and started again, then slices at --rate from its first request on: how long it
// takes to the steady state (the slice before the kill, at the same rate, is the steady state to compare with).
async Task<int> RestartAsync(HttpClient http, Uri target, IConnectionMultiplexer redis, int redisPid, string[] senders, string[] texts)
{
    const int SliceSeconds = 3;
    var bot = services.Single(s => s.Name == "Bot");
    var sliceCount = Math.Max(1, seconds / SliceSeconds);
    var batches = Enumerable.Range(0, sliceCount + 1)
        .Select(k => Build(target, rate * SliceSeconds, i => (senders[(k * 7 + i) % senders.Length], texts[(k + i) % texts.Length]))).ToList();
    Console.WriteLine($"Restart: a slice of {SliceSeconds} s at {rate}/s, the Bot killed (kill -9) and started again, then {sliceCount} slices of {SliceSeconds} s at {rate}/s, each drained before the next");
    var errors = await SliceAsync("before the kill", batches[0]);
    var clock = Stopwatch.StartNew();
    await bot.KillAndRestartAsync();
    await bot.WaitReadyAsync(TimeSpan.FromSeconds(120));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the Bot killed, started again and ready (GET /readyz 200) in {clock.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}"));
    for (var k = 1; k <= sliceCount; k++) errors += await SliceAsync($"{(k - 1) * SliceSeconds}-{k * SliceSeconds} s after", batches[k]);
    Console.WriteLine($"Load average {LoadAverage()} at the end");
    return errors == 0 ? 0 : 1;

    async Task<int> SliceAsync(string label, Batch batch)
    {
        var jitBefore = await JittedAsync();
        var ((run, _), cost) = await MeasuredAsync(redis, redisPid, async () => (await RunAsync(http, batch, rate), (Run?)null));
        var jitted = Jitted(jitBefore, await JittedAsync());
        var n = batch.Requests.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: p99 {Percentile(run.Latencies, 99):F1} ms, median {Percentile(run.Latencies, 50):F1} ms, {run.Latencies.Length / run.Elapsed.TotalSeconds:F0}/s, {run.Errors} not 200; " +
            $"CPU a message: Bot {cost.Cpu["Bot"].TotalMilliseconds / n:F3} ms, all with redis-server {cost.Cpu.Values.Sum(c => c.TotalMilliseconds) / n:F3} ms; methods jitted {jitted.Text}"));
        return run.Errors;
    }
}

// The methods each service's runtime has compiled so far (System.Runtime's dotnet.jit.compiled_methods on its /metrics,
// tier-up recompiles included); null for a service whose /metrics could not be read.
async Task<Dictionary<string, long?>> JittedAsync() => await ScrapedAsync("dotnet_jit_compiled_methods_total");

// Each service's runtime so far: collections of every generation, the time they paused it, methods compiled, bytes allocated
// (System.Runtime on its /metrics; zeros for a service whose /metrics could not be read).
async Task<Dictionary<string, (double Collections, double Paused, double Jitted, double Allocated)>> RuntimeCountsAsync()
{
    var counts = new Dictionary<string, (double, double, double, double)>();
    foreach (var s in services)
    {
        var m = await s.ScrapeAsync(metricsHttp);
        counts[s.Name] = (m.GetValueOrDefault("dotnet_gc_collections_total"), m.GetValueOrDefault("dotnet_gc_pause_time_seconds_total"),
            m.GetValueOrDefault("dotnet_jit_compiled_methods_total"), m.GetValueOrDefault("dotnet_gc_heap_total_allocated_bytes_total"));
    }
    return counts;
}

// The Redis commands each service's client has sent so far (hotline.redis.commands.sent).
async Task<Dictionary<string, long?>> CommandsSentAsync() => await ScrapedAsync("hotline_redis_commands_sent_total");

async Task<Dictionary<string, long?>> ScrapedAsync(string metric)
{
    var counts = new Dictionary<string, long?>();
    foreach (var s in services) counts[s.Name] = (await s.ScrapeAsync(metricsHttp)).TryGetValue(metric, out var v) ? (long)v : null;
    return counts;
}

static (long? Total, string Text) Jitted(Dictionary<string, long?> before, Dictionary<string, long?> after)
{
    var each = after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));
    long? total = each.Values.All(v => v is not null) ? each.Values.Sum() : null;
    return (total, $"{(total is null ? "?" : total.ToString())} ({string.Join(", ", each.Select(e => $"{e.Key} {(e.Value is null ? "?" : e.Value.ToString())}"))})");
}

// Both readings of "Redis commands a message": what Redis executed (the targets' figure) and what the clients sent.
static string CommandsSummary(double executed, Dictionary<string, long?> sentBefore, Dictionary<string, long?> sentAfter, int messages)
{
    var each = sentAfter.ToDictionary(a => a.Key, a => (a.Value - sentBefore.GetValueOrDefault(a.Key)) / (double)messages);
    var sent = each.Values.All(v => v is not null) ? each.Values.Sum()!.Value.ToString("F2", CultureInfo.InvariantCulture) : "?";
    var head = double.IsNaN(executed) ? "Redis commands a message: "
        : string.Create(CultureInfo.InvariantCulture, $"Redis commands a message, two readings: executed {executed:F2} (INFO commandstats: every command Redis ran, those inside scripts included; the figure the targets use); ");
    return head + string.Create(CultureInfo.InvariantCulture,
        $"sent {sent} (the services' round trips' commands by each one's StackExchange.Redis client, a script once, the SignalR backplane's connection not counted: " +
        $"{string.Join(", ", each.Select(e => $"{e.Key} {e.Value:F2}"))})");
}

// Alert sample k: an urgent message from a sender who never wrote, to a hotline number of its own.
(List<KeyValuePair<string, string>> Form, string Signature) AlertSample(Uri target, int k) =>
    Build(target, 1, _ => ("+35568" + (2_000_000 + k).ToString(CultureInfo.InvariantCulture), UrgentText), AlertNumber(k)).Requests[0];

static string AlertNumber(int k) => "+35569100" + k.ToString("D4", CultureInfo.InvariantCulture);

// Each alert's case leads to its conversation, whose reply route is the hotline number its sample was sent to.
// Also prints where the time went, stage by stage (AlertStages).
async Task<double[]> AlertLatenciesAsync(IConnectionMultiplexer redis, long[] sent, ConcurrentDictionary<string, long> alertedAt, long[] answered, AlertStages stages)
{
    var db = redis.GetDatabase();
    var samples = Enumerable.Range(0, sent.Length).ToDictionary(AlertNumber);
    var latencies = new List<double>();
    // Stopwatch ticks to Unix ms, for comparing with the times Redis and the services wrote.
    var (unixNow, ticksNow) = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Stopwatch.GetTimestamp());
    double Unix(long ticks) => unixNow - Stopwatch.GetElapsedTime(ticks, ticksNow).TotalMilliseconds;
    string[] names = ["webhook answered", "sent -> message time (Bot)", "message time -> on hl:events", "on hl:events -> case opened (Triage)", "case opened -> signal on hl:notify", "signal -> caseChanged at the client"];
    var spans = names.Select(_ => new List<double>()).ToArray();
    foreach (var (caseId, at) in alertedAt)
    {
        var fields = await db.HashGetAsync(Hotline.Core.Storage.RedisKeys.Case(caseId), ["conversationId", "openedAt"]);
        var conversation = (string?)fields[0];
        if (conversation is null) continue;
        var via = (string?)await db.HashGetAsync(Hotline.Core.Storage.RedisKeys.Conversation(conversation), TwilioFields.Via);
        if (via is null || !samples.TryGetValue(via, out var k) || sent[k] == 0) continue;
        latencies.Add(Stopwatch.GetElapsedTime(sent[k], at).TotalMilliseconds);
        var (messageAt, onEvents, onNotify) = stages.For(conversation, caseId);
        var opened = (long)fields[1];
        if (messageAt == 0 || onEvents == 0 || onNotify == 0 || answered[k] == 0) continue;
        double[] bounds = [Unix(sent[k]), messageAt, onEvents, opened, onNotify, Unix(at)];
        spans[0].Add(Stopwatch.GetElapsedTime(sent[k], answered[k]).TotalMilliseconds);
        for (var s = 1; s < names.Length; s++) spans[s].Add(bounds[s] - bounds[s - 1]);
    }
    Console.WriteLine($"  by stage ({spans[0].Count} samples traced; ms, median / p99):");
    for (var s = 0; s < names.Length; s++)
    {
        var sorted = spans[s].Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {names[s]}: {Percentile(sorted, 50):F1} / {Percentile(sorted, 99):F1}"));
    }
    latencies.Sort();
    return [.. latencies];
}

Batch Build(Uri target, int count, Func<int, (string From, string Text)> message, string to = "+355690000001") => new(target,
    [.. Enumerable.Range(0, count).Select(i =>
    {
        var (from, text) = message(i);
        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var media = i % 50 == 49 && text != UrgentText;
        var form = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "AL"), new("SmsMessageSid", sid), new("NumMedia", media ? "1" : "0"), new("SmsSid", sid),
            new("SmsStatus", "received"), new("Body", text), new("FromCountry", "AL"), new("To", to),
            new("NumSegments", "1"), new("MessageSid", sid), new("AccountSid", AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
        };
        if (media) form.Add(new("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME" + i.ToString(CultureInfo.InvariantCulture)));
        return (form, TwilioSignature.Compute(AuthToken, target.ToString(), form.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value))));
    })]);

async Task<bool> PostAsync(HttpClient http, Uri target, List<KeyValuePair<string, string>> form, string signature)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(form) };
    request.Headers.Add(TwilioSignature.Header, signature);
    try
    {
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }
    // Refused or not answered within the client's timeout: counted as not 200.
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return false;
    }
}

async Task<Run> RunAsync(HttpClient http, Batch batch, double perSecond)
{
    var latencies = new double[batch.Requests.Length];
    var lag = new double[batch.Requests.Length];
    var errors = 0;
    var tasks = new Task[batch.Requests.Length];
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < batch.Requests.Length; i++)
    {
        var due = TimeSpan.FromSeconds(i / perSecond);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
        while (clock.Elapsed < due) Thread.SpinWait(50);
        var index = i;
        var (form, signature) = batch.Requests[i];
        lag[i] = (clock.Elapsed - due).TotalMilliseconds;
        tasks[i] = Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            if (!await PostAsync(http, batch.Target, form, signature)) Interlocked.Increment(ref errors);
            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
    }
    await Task.WhenAll(tasks);
    Array.Sort(latencies);
    Array.Sort(lag);
    return new Run(latencies, lag, errors, clock.Elapsed);
}

static string Summary(Run r) => string.Create(CultureInfo.InvariantCulture,
    $"{r.Latencies.Length} requests in {r.Elapsed.TotalSeconds:F1} s ({r.Latencies.Length / r.Elapsed.TotalSeconds:F0}/s), {r.Errors} not 200; " +
    $"ms: median {Percentile(r.Latencies, 50):F2}, p90 {Percentile(r.Latencies, 90):F2}, p99 {Percentile(r.Latencies, 99):F2}, max {(r.Latencies.Length > 0 ? r.Latencies[^1] : double.NaN):F2}; " +
    $"generator lag p99 {Percentile(r.Lag, 99):F2}");

static double Percentile(double[] sorted, double p)
{
    if (sorted.Length == 0) return double.NaN;
    var rank = p / 100 * (sorted.Length - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

// The machine's CPU time so far in jiffies (/proc/stat): busy (user, nice, system, irq, softirq, steal) and in all.
static (long Busy, long Total) MachineJiffies()
{
    var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9].Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    return (f.Sum() - f[3] - f[4], f.Sum());
}

static TimeSpan ProcessCpu(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
}

// Until every consumer group of the hotline's streams has read and acknowledged everything: the work of the part just run is done.
async Task WaitQuietAsync(IConnectionMultiplexer redis)
{
    var db = redis.GetDatabase();
    var clock = Stopwatch.StartNew();
    RedisKey[] streams = ["hl:events", "hl:notify", "hl:outbox", "hl:notices", "hl:twilio:outgoing"];
    while (clock.Elapsed < TimeSpan.FromSeconds(120))
    {
        var caughtUp = true;
        foreach (var stream in streams) caughtUp &= await StreamGroups.CaughtUpAsync(db, stream, sent: Sent);
        if (caughtUp) return;
        await Task.Delay(200);
    }
    Console.WriteLine("Warning: the streams were not drained within 120 s");
}

// The Redis commands this bench has sent itself so far (its polls of the streams, its INFO readings), by the name INFO
// commandstats gives them: that count is every client's, and the hotline's are what is left once these are taken out.
void Sent(string command) => ownCommands.AddOrUpdate(command, 1, (_, n) => n + 1);

Dictionary<string, long> Own() => new(ownCommands, StringComparer.Ordinal);

Dictionary<string, long> OwnSince(Dictionary<string, long> before) =>
    ownCommands.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);

async Task<Dictionary<string, long>> RedisCommandsAsync(IConnectionMultiplexer redis)
{
    // Counted by the next reading (INFO counts a command once it has run).
    Sent("info");
    // cmdstat_get: calls=12,usec=...
    return (await redis.GetServers()[0].InfoAsync("commandstats")).SelectMany(g => g)
        .ToDictionary(p => p.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
            p => long.Parse(p.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static WebApplication Slim()
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    return builder.Build();
}

internal sealed record Batch(Uri Target, (List<KeyValuePair<string, string>> Form, string Signature)[] Requests);

internal sealed record Run(double[] Latencies, double[] Lag, int Errors, TimeSpan Elapsed);
