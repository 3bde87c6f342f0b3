using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Identity;

namespace Hotline.Operator.Tests.Fuzz;

/// <summary>
/// Generated bodies to every POST and PUT route of the console API, over real HTTP as the signed-in demo operator
/// (operator, supervisor and admin): JSON of any shape with the field names the routes read and others, and bodies that
/// are not JSON at all. None gets a 5xx; a refused one gets a 4xx problem (400 for a body it cannot use) and leaves
/// Redis as it was, but for the audit log's line about the request and the session's last activity.
/// </summary>
public sealed class ConsoleBodyFuzzTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    private const int Cases = 400;

    /// <summary>Names the console's request bodies use, and a few they do not.</summary>
    private static readonly string[] FieldNames =
    [
        "text", "note", "reason", "severity", "to", "username", "role", "roles", "status", "available", "action", "personAgreed",
        "outcome", "referrals", "facts", "sealed", "entry", "signature", "sig", "answers", "items", "words", "wordsId", "wordsSignature",
        "publicKey", "signingPublicKey", "area", "eta", "minutes", "code", "id", "seq", "sequence", "expected", "unit", "presence",
        "passphrase", "verifier", "salt", "wrapped", "wrappedKey", "kdf", "certificate", "mark", "__proto__", "", "🙂",
    ];

    private static readonly Gen<string> Texts = Gen.Frequency(
        (4, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
        (2, Gen.Elements("", " ", "\0", "critical", "high", "none", "nightshift", "demo", "closed", "resolved", "-1", "9".PadLeft(40, '9'), "AAAA", "<script>")),
        (1, Gen.Choose(1000, 20_000).Select(n => new string('ë', n))));

    private static Gen<JsonNode?> Values(int depth) => depth <= 0
        ? Gen.OneOf(Texts.Select(t => (JsonNode?)JsonValue.Create(t)), Gen.Choose(int.MinValue, int.MaxValue).Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Elements<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(false), JsonValue.Create(1e308), JsonValue.Create(-0.5)))
        : Gen.Frequency(
            (4, Values(0)),
            (1, Gen.ArrayOf(Values(depth - 1)).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (1, Objects(depth - 1).Select(o => (JsonNode?)o)));

    private static Gen<JsonObject> Objects(int depth) =>
        Gen.ArrayOf(Gen.Zip(Gen.Frequency((4, Gen.Elements(FieldNames)), (1, Texts)), Values(depth))).Select(fields =>
        {
            var o = new JsonObject();
            foreach (var (name, value) in fields) o[name] = value?.DeepClone();
            return o;
        });

    /// <summary>Bodies: JSON objects most of the time, other JSON, and bytes that are not JSON.</summary>
    private static readonly Gen<byte[]> Bodies = Gen.Frequency(
        (6, Objects(2).Select(o => Encoding.UTF8.GetBytes(o.ToJsonString()))),
        (1, Values(2).Select(v => Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "null"))),
        (1, ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? [])),
        (1, Gen.Elements<byte[]>([], [0xFF, 0xFE], [0xC3], "{"u8.ToArray(), "{\"text\":"u8.ToArray(), "[1,2"u8.ToArray(), "{\"a\":1}{\"b\":2}"u8.ToArray())));

    [Fact]
    public async Task Generated_bodies_to_every_console_route_get_no_5xx_and_a_refused_one_a_problem_and_changes_nothing()
    {
        var caseId = await OpenCaseAsync();
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        var routes = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, $"/api/cases/{caseId}/claim"), (HttpMethod.Post, $"/api/cases/{caseId}/messages"), (HttpMethod.Post, $"/api/cases/{caseId}/typing"),
            (HttpMethod.Post, $"/api/cases/{caseId}/release"), (HttpMethod.Post, $"/api/cases/{caseId}/decline"), (HttpMethod.Post, $"/api/cases/{caseId}/transfer"),
            (HttpMethod.Put, $"/api/cases/{caseId}/record"), (HttpMethod.Put, $"/api/cases/{caseId}/severity"), (HttpMethod.Post, $"/api/cases/{caseId}/close"),
            (HttpMethod.Post, $"/api/cases/{caseId}/notes"), (HttpMethod.Post, $"/api/cases/{caseId}/approvals"), (HttpMethod.Post, $"/api/cases/{caseId}/dispatch/confirm"),
            (HttpMethod.Post, $"/api/cases/{caseId}/move/confirm"), (HttpMethod.Post, $"/api/cases/{caseId}/move/refuse"),
            (HttpMethod.Post, $"/api/cases/{caseId}/delete-conversation"), (HttpMethod.Post, "/api/cases/next"),
            (HttpMethod.Post, $"/api/supervisor/cases/{caseId}/assign"), (HttpMethod.Post, $"/api/supervisor/cases/{caseId}/takeover"),
            (HttpMethod.Post, "/api/me/presence"), (HttpMethod.Put, "/api/canned"), (HttpMethod.Post, $"/api/approvals/{Ids.New("a", 16)}/approve"),
            (HttpMethod.Post, "/api/operators/"), (HttpMethod.Post, $"/api/operators/{OperatorConsole.Colleague}/removal"),
            (HttpMethod.Post, "/api/keys/me/signing"), (HttpMethod.Post, "/api/auth/passphrase"),
        };

        // Signing in finishes its own writes after answering (a stored hash brought up to date): wait until they are done.
        await SettledAsync();
        var input = Gen.Zip(Gen.Zip(Gen.Elements(routes), Bodies), Gen.Elements("application/json", "application/json; charset=utf-8", "text/plain"));
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(input.ToArbitrary(), generated =>
        {
            var (((method, path), body), type) = generated;
            RunAsync(demo, method, path, body, type).GetAwaiter().GetResult();
        })));
    }

    private async Task RunAsync(HttpClient client, HttpMethod method, string path, byte[] body, string type)
    {
        var before = await StateAsync();
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        // Each generated request on its own connection: after a body its endpoint did not read, Kestrel may close the
        // connection, and a next request sent on it at that moment ends with no answer at all, which is not the server's.
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{method} {path} answered {status}: {answer}");
        // The session must still be signed in: a generated body never ends it (no route here signs out).
        Assert.NotEqual(401, status);
        if (status < 400) return;
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{method} {path} {status} without a problem: {answer}");
        var problem = JsonDocument.Parse(answer).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{method} {path} {status}: a problem without a title");
        var after = await StateAsync();
        // Named by line, so a failure says which key changed, not where two long texts part.
        Assert.True(before == after, $"{method} {path} {status} changed Redis:\n- {string.Join("\n- ", before.Split('\n').Except(after.Split('\n')))}\n+ {string.Join("\n+ ", after.Split('\n').Except(before.Split('\n')))}");
    }

    /// <summary>
    /// Every key and value but what any request writes: the audit log (every console request is audited, refused ones
    /// too), the session's last activity and the presence that follows it.
    /// </summary>
    private async Task<string> StateAsync()
    {
        var dump = await console.Redis.AllKeysAndValuesAsync();
        return string.Join('\n', dump.Entries
            .Where(e => !e.Key.StartsWith("hl:{audit}:", StringComparison.Ordinal) && !e.Key.StartsWith("hl:session:", StringComparison.Ordinal)
                && !e.Key.StartsWith(RedisKeys.Presence, StringComparison.Ordinal) && !e.Key.StartsWith(RedisKeys.PresenceConnections, StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            // A hash's fields in name order: Redis may hand them back in another order with the same content.
            .Select(e => $"{e.Key} {e.TimeToLive is not null} " + string.Join(' ', e.Parts.Select(p => $"{Hex(p.Name)}={Hex(p.Value)}")
                .OrderBy(p => e.Type == StackExchange.Redis.RedisType.Hash || e.Type == StackExchange.Redis.RedisType.Set ? p : "", StringComparer.Ordinal))));
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexString(bytes);

    private async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = await StateAsync();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var now = await StateAsync();
            if (now == last) return;
            last = now;
        }
        throw new TimeoutException("The console kept writing to Redis for 30 s after signing in");
    }

    /// <summary>A waiting case, opened as the Triage worker does with its own Redis user (the Operator's may not open cases).</summary>
    private async Task<string> OpenCaseAsync()
    {
        var caseId = Ids.New("k", 16);
        await using var asTriage = await console.ConnectAsAsync("triage");
        await new CaseStore(asTriage.Store, TimeProvider.System).OpenAsync(caseId, Ids.New("c", 16), Severity.High, ["violence"], Language.Sq, Channel.WebChat);
        return caseId;
    }
}
