using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A local stand-in for Twilio's REST API on 127.0.0.1: records every request, answers as told (429 with Retry-After,
/// 500, a 400 with an error code, 409 "not final yet" to deletions) and otherwise as Twilio does (201 with a new SID,
/// 204 to a deletion). Anything else it is asked (a media URL, say) is recorded too, so a test can see it never was.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token-0123456789abcdef";

    private readonly ConcurrentQueue<FakeTwilioRequest> requests = new();
    private readonly ConcurrentQueue<(int Status, int? Code, int? RetryAfter)> sendScript = new();
    private readonly ConcurrentQueue<(int Status, int? Code)> deleteScript = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly ConcurrentDictionary<string, FakeTwilioHold> holds = new(StringComparer.Ordinal);
    private WebApplication? app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeTwilioRequest> Requests => requests.ToArray();

    public IReadOnlyList<FakeTwilioRequest> Messages => Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/Messages.json", StringComparison.Ordinal) && r.AnsweredWith == 201).ToList();

    public IReadOnlyList<FakeTwilioRequest> Deletions => Requests.Where(r => r.Method == "DELETE").ToList();

    public static async Task<FakeTwilio> StartAsync()
    {
        var fake = new FakeTwilio();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake.app = builder.Build();
        fake.app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", fake.CreateMessage);
        fake.app.MapDelete("/2010-04-01/Accounts/{account}/Messages/{sid}.json", fake.DeleteMessage);
        fake.app.MapFallback(fake.Other);
        await fake.app.StartAsync();
        fake.BaseUrl = new Uri(fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>The next sends are answered with these statuses, in order (then 201 again); a 201 among them is a send accepted as usual.</summary>
    public void AnswerNextSends(params (int Status, int? Code, int? RetryAfterSeconds)[] answers)
    {
        foreach (var a in answers) sendScript.Enqueue(a);
    }

    /// <summary>
    /// Up to this long, at random, before a send is answered (as Twilio's own latency varies): two senders racing with
    /// messages of one conversation then finish in either order.
    /// </summary>
    public TimeSpan SendJitter { get; set; }

    /// <summary>From now on, sends to this number wait unanswered until the returned hold is released.</summary>
    public FakeTwilioHold HoldSendsTo(string to) => holds[to] = new FakeTwilioHold();

    /// <summary>The next deletions are answered with these statuses, in order (then 204 again).</summary>
    public void AnswerNextDeletions(params (int Status, int? Code)[] answers)
    {
        foreach (var a in answers) deleteScript.Enqueue(a);
    }

    /// <summary>Waits until the accepted messages matching the filter number at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<FakeTwilioRequest>> WaitForMessagesAsync(Func<FakeTwilioRequest, bool> filter, int count, TimeSpan? timeout = null) =>
        await WaitForAsync(() => Messages.Where(filter).ToList(), count, timeout);

    public async Task<IReadOnlyList<FakeTwilioRequest>> WaitForAsync(Func<IReadOnlyList<FakeTwilioRequest>> query, int count, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            var found = query();
            if (found.Count >= count) return found;
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Expected {count} matching requests at the fake Twilio within {limit}, saw {found.Count}. All requests:\n" +
                    string.Join('\n', Requests.Select(r => $"{r.Method} {r.Path} -> {r.AnsweredWith} To={r.To} Body={r.Body}")));
            }
            await arrived.WaitAsync(TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task<IResult> CreateMessage(string account, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var authorization = request.Headers.Authorization.ToString();
        if (account != AccountSid || authorization != ExpectedAuthorization) return Record(request, fields, authorization, Results.StatusCode(401), 401);
        if (!fields.ContainsKey("To") || (!fields.ContainsKey("From") && !fields.ContainsKey("MessagingServiceSid")) ||
            (!fields.ContainsKey("Body") && !fields.ContainsKey("ContentSid")))
        {
            return Record(request, fields, authorization, Results.Json(new { code = 21602, message = "Message body is required.", status = 400 }, statusCode: 400), 400);
        }
        if (SendJitter > TimeSpan.Zero) await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * SendJitter.TotalMilliseconds));
        if (holds.TryGetValue(fields["To"], out var hold) && !hold.Released.IsCompleted)
        {
            hold.Arrive();
            try
            {
                await hold.Released.WaitAsync(request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                var result = Record(request, fields, authorization, Results.StatusCode(499), 499);
                hold.Abandon();
                return result;
            }
        }
        if (sendScript.TryDequeue(out var scripted) && scripted.Status != StatusCodes.Status201Created)
        {
            if (scripted.RetryAfter is { } seconds) request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Record(request, fields, authorization,
                Results.Json(new { code = scripted.Code ?? 20500, message = "Scripted failure", status = scripted.Status }, statusCode: scripted.Status), scripted.Status);
        }
        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Record(request, fields, authorization, Results.Json(new
        {
            sid,
            account_sid = AccountSid,
            to = fields["To"],
            from = fields.GetValueOrDefault("From"),
            messaging_service_sid = fields.GetValueOrDefault("MessagingServiceSid"),
            body = fields.GetValueOrDefault("Body"),
            status = fields.ContainsKey("MessagingServiceSid") ? "accepted" : "queued",
            api_version = "2010-04-01",
        }, statusCode: 201), 201, sid);
    }

    private IResult DeleteMessage(string account, string sid, HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var fields = new Dictionary<string, string> { ["Sid"] = sid };
        if (account != AccountSid || authorization != ExpectedAuthorization) return Record(request, fields, authorization, Results.StatusCode(401), 401);
        if (deleteScript.TryDequeue(out var scripted))
        {
            return Record(request, fields, authorization,
                Results.Json(new { code = scripted.Code ?? 20009, message = "Cannot delete this resource before it is complete", status = scripted.Status }, statusCode: scripted.Status),
                scripted.Status, sid);
        }
        return Record(request, fields, authorization, Results.NoContent(), 204, sid);
    }

    private IResult Other(HttpRequest request) =>
        Record(request, new Dictionary<string, string>(), request.Headers.Authorization.ToString(), Results.NotFound(), 404);

    private IResult Record(HttpRequest request, Dictionary<string, string> fields, string? authorization, IResult result, int status, string? sid = null)
    {
        requests.Enqueue(new FakeTwilioRequest(request.Method, request.Path.Value ?? "", fields, authorization, status, DateTimeOffset.UtcNow, sid));
        arrived.Release();
        return result;
    }

    private static string ExpectedAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
