using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Hotline.Bot;
using Hotline.Bot.Channels.Twilio;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Testing;
using Hotline.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using StackExchange.Redis;

// Webhook latency of POST /api/twilio/messages at a fixed arrival rate (open loop: requests go out on schedule whether or not
// earlier ones have been answered), on loopback. Everything runs on this machine: a fresh redis-server (AOF, fsync always),
// the Triage worker and the Bot in this process, and a fake Twilio REST API answering 201 to the replies.
//
//   dotnet run -c Release --project bench/TwilioWebhookLoad -- [--rate 200] [--seconds 30] [--warmup 5] [--senders 300] [--no-triage]
var rate = Option("--rate", 200);
var seconds = Option("--seconds", 30);
var warmupSeconds = Option("--warmup", 5);
var senderCount = Option("--senders", 300);
var withTriage = !args.Contains("--no-triage");
if (rate <= 0 || seconds <= 0 || seconds > 120 || rate > 2000) throw new ArgumentException("--rate 1..2000 and --seconds 1..120");

const string AccountSid = "AC0123456789abcdef0123456789abcdef";
const string AuthToken = "bench-auth-token-0123456789abcdef";
var dataDir = Directory.CreateTempSubdirectory("hotline-bench-").FullName;
await using var redis = await RedisServer.StartAsync();
await using (var mux = await redis.ConnectAsync())
{
    var team = HotlineCrypto.NewKeyPair();
    await mux.GetDatabase().HashSetAsync(RedisKeys.TeamKey, [new HashEntry("public", Convert.ToBase64String(team.PublicKey)), new HashEntry("version", "1")]);
}

// The fake Twilio: 201 with a new SID to every message, as fast as it can.
var fakeBuilder = WebApplication.CreateSlimBuilder();
fakeBuilder.WebHost.UseUrls("http://127.0.0.1:0");
fakeBuilder.Logging.ClearProviders();
await using var fake = fakeBuilder.Build();
var repliesPosted = 0;
fake.MapPost("/2010-04-01/Accounts/{account}/Messages.json", () =>
{
    Interlocked.Increment(ref repliesPosted);
    return Results.Json(new { sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), status = "queued" }, statusCode: 201);
});
await fake.StartAsync();
var fakeUrl = fake.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

// The abuse limits are raised: every bench sender talks from 127.0.0.1, and the bench measures the full path.
var settings = new Dictionary<string, string?>(TestLimits.Raised)
{
    ["HOTLINE_REDIS"] = redis.ConnectionString,
    ["HOTLINE_DATA_DIR"] = dataDir,
    ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
    ["HOTLINE_TWILIO_ACCOUNT_SID"] = AccountSid,
    ["HOTLINE_TWILIO_AUTH_TOKEN"] = AuthToken,
    ["HOTLINE_TWILIO_API_BASE"] = fakeUrl,
};
using var triage = TriageHost.Build([], b =>
{
    b.Configuration.AddInMemoryCollection(settings);
    b.Logging.SetMinimumLevel(LogLevel.Warning);
});
if (withTriage) await triage.StartAsync();
await using var bot = BotApp.Build([], b =>
{
    b.Configuration.AddInMemoryCollection(settings);
    b.WebHost.UseUrls("http://127.0.0.1:0");
    b.Logging.SetMinimumLevel(LogLevel.Warning);
});
await bot.StartAsync();
var botUrl = new Uri(bot.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
var webhook = new Uri(botUrl, "/api/twilio/messages");

// Requests are built and signed before the clock starts, so the generator does little while measuring.
string[] texts =
[
    "Përshëndetje, a mund të flas me dikë?", "Hello, I need some advice", "Burri më bërtet çdo natë dhe kam frikë",
    "faleminderit", "A është kjo bisedë konfidenciale?", "I don't feel safe at home", "ok", "Po, jam mirë tani",
    "burri po me rreh tani, ka thike ne dore, ndihme", "Ku mund të shkoj sonte?",
];
var senders = Enumerable.Range(0, senderCount).Select(i => "+35569" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture)).ToArray();
var warmupCount = warmupSeconds * rate / 2;
var measuredCount = seconds * rate;
var requests = Enumerable.Range(0, warmupCount + measuredCount).Select(i =>
{
    var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    var from = senders[i % senders.Length];
    var form = new List<KeyValuePair<string, string>>
    {
        new("ToCountry", "AL"), new("SmsMessageSid", sid), new("NumMedia", i % 50 == 49 ? "1" : "0"), new("SmsSid", sid),
        new("SmsStatus", "received"), new("Body", texts[i % texts.Length]), new("FromCountry", "AL"), new("To", "+355690000001"),
        new("NumSegments", "1"), new("MessageSid", sid), new("AccountSid", AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
    };
    if (i % 50 == 49) form.Add(new("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME" + i.ToString(CultureInfo.InvariantCulture)));
    var signature = TwilioSignature.Compute(AuthToken, webhook.ToString(), form.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));
    return (Form: form, Signature: signature);
}).ToArray();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
{
    Timeout = TimeSpan.FromSeconds(30),
};

Console.WriteLine($"Warm-up: {warmupCount} requests at {rate / 2}/s; then {measuredCount} requests at {rate}/s to {webhook} ({senderCount} senders, 1 in 50 with media)");
await RunAsync(requests.AsMemory(0, warmupCount), rate / 2.0);
var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
var redisCpuBefore = await RedisCpuAsync();
var commandsBefore = await RedisCommandsAsync();
var (latencies, lag, errors, elapsed) = await RunAsync(requests.AsMemory(warmupCount), rate);
var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var redisCpu = await RedisCpuAsync() - redisCpuBefore;
var commandsAfter = await RedisCommandsAsync();

Array.Sort(latencies);
Console.WriteLine($"Measured: {latencies.Length} requests in {elapsed.TotalSeconds:F1} s ({latencies.Length / elapsed.TotalSeconds:F1}/s achieved), {errors} errors (non-200)");
Console.WriteLine($"Latency (send to response), ms: median {Percentile(latencies, 50):F2}  p90 {Percentile(latencies, 90):F2}  p99 {Percentile(latencies, 99):F2}  p99.9 {Percentile(latencies, 99.9):F2}  max {latencies[^1]:F2}");
Console.WriteLine($"CPU while measuring: this process (Bot, Triage, fake Twilio, load generator) {cpu.TotalMilliseconds / latencies.Length:F2} ms a request, " +
    $"redis-server {redisCpu.TotalMilliseconds / latencies.Length:F2} ms a request; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
var perRequest = commandsAfter.Select(c => (c.Key, Calls: (c.Value - commandsBefore.GetValueOrDefault(c.Key)) / (double)latencies.Length))
    .Where(c => c.Calls > 0.05).OrderByDescending(c => c.Calls).ToList();
Console.WriteLine($"Redis commands a request (all services, replies included): {perRequest.Sum(c => c.Calls):F1} — " +
    string.Join(", ", perRequest.Take(12).Select(c => $"{c.Key} {c.Calls:F1}")));
Array.Sort(lag);
Console.WriteLine($"Schedule lag of the generator, ms: median {Percentile(lag, 50):F2}  p99 {Percentile(lag, 99):F2}  max {lag[^1]:F2}");
var deadline = Stopwatch.StartNew();
while (await bot.Services.GetRequiredService<HotlineRedis>().Db.StreamLengthAsync("hl:twilio:outgoing") > 0 && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
Console.WriteLine($"Replies posted to the fake Twilio: {Volatile.Read(ref repliesPosted)}; {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

await bot.StopAsync();
if (withTriage) await triage.StopAsync();
try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
return errors == 0 ? 0 : 1;

async Task<(double[] Latencies, double[] Lag, int Errors, TimeSpan Elapsed)> RunAsync(ReadOnlyMemory<(List<KeyValuePair<string, string>> Form, string Signature)> batch, double perSecond)
{
    var latencies = new double[batch.Length];
    var lag = new double[batch.Length];
    var errors = 0;
    var tasks = new Task[batch.Length];
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < batch.Length; i++)
    {
        var due = TimeSpan.FromSeconds(i / perSecond);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
        while (clock.Elapsed < due) Thread.SpinWait(50);
        var index = i;
        var (form, signature) = batch.Span[i];
        lag[i] = (clock.Elapsed - due).TotalMilliseconds;
        tasks[i] = Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(TwilioSignature.Header, signature);
            try
            {
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
    }
    await Task.WhenAll(tasks);
    return (latencies, lag, errors, clock.Elapsed);
}

async Task<TimeSpan> RedisCpuAsync()
{
    await using var mux = await redis.ConnectAsync();
    var info = (await mux.GetServer(redis.ConnectionString).InfoAsync("cpu")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
    return TimeSpan.FromSeconds(double.Parse(info["used_cpu_sys"], CultureInfo.InvariantCulture) + double.Parse(info["used_cpu_user"], CultureInfo.InvariantCulture));
}

async Task<Dictionary<string, long>> RedisCommandsAsync()
{
    await using var mux = await redis.ConnectAsync();
    // cmdstat_get: calls=12,usec=...
    return (await mux.GetServer(redis.ConnectionString).InfoAsync("commandstats")).SelectMany(g => g)
        .ToDictionary(p => p.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
            p => long.Parse(p.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));
}

static double Percentile(double[] sorted, double p)
{
    if (sorted.Length == 0) return double.NaN;
    var rank = p / 100 * (sorted.Length - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
