namespace Hotline.EndToEnd.Tests;

/// <summary>Roles, sign-in throttling, four eyes and the audit log, through the API as any client would use it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleAccessTests(ConsoleStack stack)
{
    [Fact]
    public async Task An_account_without_the_role_gets_403_and_nothing_changes()
    {
        var operatorOnly = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var unit = await stack.SignInAsync("unit-tirana", ConsoleStack.UnitPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorOnly.GetAsync("/api/supervisor/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorOnly.PutAsJsonAsync("/api/canned", new { answers = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorOnly.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorOnly.GetAsync("/api/unit/dispatches")).StatusCode);
        // A mobile unit never sees the queue or a transcript.
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/cases?status=open")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/cases/Kaaaaaaaaaaaa/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync("/api/keys/me")).StatusCode);
        // Canned answers unchanged, and no credentials at all is still 401.
        var canned = await operatorOnly.GetFromJsonAsync<JsonElement>("/api/canned");
        Assert.True(canned.GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.GetAsync("/api/supervisor/overview")).StatusCode);
        var supervisor = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/supervisor/overview")).StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_slow_down_one_address_with_growing_waits_and_never_lock_the_account()
    {
        var wrongKey = new { username = "unit-tirana", authKey = Convert.ToBase64String(new byte[32]) };
        // The waits are seconds long and only the test moves time on: a busy machine's pause between a refusal and the
        // next request cannot run the first one-second wait out by itself.
        using var still = stack.Clock.Freeze();
        try
        {
            for (var i = 0; i < Hotline.Operator.Accounts.SignInThrottle.FreeFailures; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", wrongKey)).StatusCode);
            }
            var waits = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", wrongKey)).StatusCode);
                var slowed = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", wrongKey);
                Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
                Assert.Equal("Slow down", (await slowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
                var wait = (int)slowed.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
                waits.Add(wait);
                stack.Clock.Advance(TimeSpan.FromSeconds(wait));
            }
            Assert.Equal([1, 2, 4], waits);
            // While this address waits, the same account signs in from another one: nothing is locked by name.
            Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", wrongKey)).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", wrongKey)).StatusCode);
            using var elsewhere = ClientFrom(IPAddress.Parse("127.0.0.2"));
            Assert.False(string.IsNullOrEmpty(await Hotline.Operator.Accounts.ClientKeys.SignInAsync(elsewhere, "unit-tirana", ConsoleStack.UnitPassword)));
            // And once the wait is over, from here too.
            stack.Clock.Advance(TimeSpan.FromSeconds(8));
            Assert.False(string.IsNullOrEmpty(await Hotline.Operator.Accounts.ClientKeys.SignInAsync(stack.Anonymous, "unit-tirana", ConsoleStack.UnitPassword)));
        }
        finally
        {
            await stack.ClearSignInFailuresAsync();
        }
    }

    [Fact]
    public async Task A_login_body_that_carries_a_password_is_refused_with_400()
    {
        var response = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "demo", password = ConsoleStack.DemoPassword });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var both = await Hotline.Operator.Accounts.ClientKeys.PrepareLoginAsync(stack.Anonymous, "demo", ConsoleStack.DemoPassword);
        Assert.Equal(HttpStatusCode.BadRequest, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "demo", authKey = both.AuthKey, password = ConsoleStack.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "demo", authKey = "not base64 of 32 bytes" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "demo", authKey = both.AuthKey })).StatusCode);
    }

    [Fact]
    public async Task Prelogin_gives_argon2id_parameters_and_stable_stand_ins_for_unknown_names()
    {
        async Task<JsonElement> PreloginAsync(string username)
        {
            var response = await stack.Anonymous.PostAsJsonAsync("/api/auth/prelogin", new { username });
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        var real = await PreloginAsync("demo");
        var unknown = await PreloginAsync("nobody-here");
        foreach (var p in new[] { real, unknown })
        {
            Assert.Equal(["kdf", "salt", "opsLimit", "memLimit"], p.EnumerateObject().Select(f => f.Name));
            Assert.Equal("argon2id13", p.GetProperty("kdf").GetString());
            Assert.Equal(16, Convert.FromBase64String(p.GetProperty("salt").GetString()!).Length);
            Assert.True(p.GetProperty("opsLimit").GetInt64() >= 3);
            Assert.Equal(64 * 1024 * 1024, p.GetProperty("memLimit").GetInt64());
        }
        Assert.Equal(unknown.GetProperty("salt").GetString(), (await PreloginAsync("nobody-here")).GetProperty("salt").GetString());
        Assert.Equal(real.GetProperty("salt").GetString(), (await PreloginAsync("demo")).GetProperty("salt").GetString());
        Assert.NotEqual(unknown.GetProperty("salt").GetString(), (await PreloginAsync("nobody-else")).GetProperty("salt").GetString());
    }

    [Fact]
    public async Task Only_the_holder_or_a_supervisor_changes_a_record_or_confirms_a_dispatch_and_the_audit_log_has_each_real_status()
    {
        var holder = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var supervisor = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("im shoq po me rreh tani ne Durres, ka thike ne dore, ndihme shpejt", holder);
        using var _ = visitor;
        (await holder.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        await ConsoleStack.WaitForDetailAsync(holder, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));

        // An operator who neither holds the case nor supervises: refused, nothing changes.
        var (other, name) = await SignInNewOperatorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/cases/{caseId}/record", new { outcome = CaseOutcomeCode() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/cases/{caseId}/dispatch/confirm", null)).StatusCode);
        var detail = await ConsoleStack.DetailAsync(holder, caseId);
        Assert.Equal("proposed", detail.GetProperty("dispatch").GetProperty("status").GetString());
        Assert.False(detail.TryGetProperty("record", out var r) && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("outcome", out var o) && o.GetString() is { Length: > 0 });
        // The holder may (a supervisor confirming a dispatch: DispatchTests). Left unconfirmed, the proposal reaches no unit.
        Assert.Equal(HttpStatusCode.BadRequest, (await holder.PutAsJsonAsync($"/api/cases/{caseId}/record", new { outcome = "no-such-outcome" })).StatusCode);
        (await holder.PutAsJsonAsync($"/api/cases/{caseId}/record", new { outcome = CaseOutcomeCode() })).EnsureSuccessStatusCode();
        // A role refusal is audited too, on a route that is otherwise not.
        var unit = await stack.SignInAsync("unit-tirana", ConsoleStack.UnitPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/dashboard")).StatusCode);

        var audit = await supervisor.GetFromJsonAsync<JsonElement>("/api/audit?last=2000");
        var lines = audit.GetProperty("entries").EnumerateArray()
            .Select(e => $"{e.GetProperty("actor").GetString()}: {e.GetProperty("action").GetString()} {(e.TryGetProperty("caseId", out var c) ? c.GetString() : "")} {(e.TryGetProperty("detail", out var d) ? d.GetString() : "")}".Trim()).ToList();
        Assert.Contains($"{name}: PUT /api/cases/{{id}}/record {caseId} status 403", lines);
        Assert.Contains($"{name}: POST /api/cases/{{id}}/dispatch/confirm {caseId} status 403", lines);
        Assert.Contains($"{ConsoleStack.Operator2}: PUT /api/cases/{{id}}/record {caseId} status 400", lines);
        Assert.Contains($"{ConsoleStack.Operator2}: PUT /api/cases/{{id}}/record {caseId} status 200", lines);
        Assert.Contains("unit-tirana: GET /api/dashboard status 403", lines.Select(l => l.Replace("  ", " ", StringComparison.Ordinal)));
    }

    private static string CaseOutcomeCode() => Hotline.Operator.Cases.CaseRecordStore.OutcomeCodes.First();

    /// <summary>An operator without the supervisor role, enrolled through the API from a key holder's client, signed in.</summary>
    private async Task<(HttpClient Client, string Name)> SignInNewOperatorAsync()
    {
        var name = "op-" + Guid.NewGuid().ToString("N")[..8];
        const string passphrase = "a fresh operator's passphrase";
        var demo = await stack.SignInAsync();
        var operators = await demo.GetFromJsonAsync<JsonElement>("/api/operators");
        var version = operators.GetProperty("teamKey").GetProperty("version").GetInt32();
        var prepared = Hotline.Operator.Accounts.ClientKeys.Prepare(name, passphrase, [Hotline.Operator.Accounts.Role.Operator], null, 0, _ => "");
        var a = prepared.Account;
        (await demo.PostAsJsonAsync("/api/operators", new
        {
            username = name, roles = new[] { "Operator" }, kdf = Hotline.Operator.Accounts.KdfDto.From(a.Kdf), authKey = Convert.ToBase64String(prepared.AuthKey),
            publicKey = Convert.ToBase64String(a.PublicKey), wrappedPrivateKey = Hotline.Operator.Accounts.WrappedKeyDto.From(a.WrappedPrivateKey),
            // Sealed to this operator by whoever holds the team key; a random stand-in does here: the test only needs the role.
            sealedTeamKey = Convert.ToBase64String(new byte[Hotline.Operator.Accounts.KeyInput.SealedKeyBytes]), teamKeyVersion = version,
            recovery = new { authKey = Convert.ToBase64String(prepared.RecoveryAuthKey), wrappedPrivateKey = Hotline.Operator.Accounts.WrappedKeyDto.From(a.Recovery!.WrappedPrivateKey) },
        })).EnsureSuccessStatusCode();
        return (await stack.SignInAsync(name, passphrase), name);
    }

    /// <summary>A client whose connections come from another loopback address (Linux routes all of 127/8 to lo).</summary>
    private HttpClient ClientFrom(IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = stack.OperatorUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    [Fact]
    public async Task A_cookie_without_the_request_header_cannot_change_anything()
    {
        var prepared = await Hotline.Operator.Accounts.ClientKeys.PrepareLoginAsync(stack.Anonymous, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var login = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = prepared.Username, authKey = prepared.AuthKey });
        var cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/me/presence") { Content = JsonContent.Create(new { status = "away" }) };
        forged.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.SendAsync(forged)).StatusCode);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        read.Headers.Add("Cookie", cookie);
        var me = await (await stack.Anonymous.SendAsync(read)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("away", me.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Exporting_a_transcript_needs_a_second_person_and_both_are_in_the_tamper_evident_audit_log()
    {
        var demo = await stack.SignInAsync();
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", demo);
        using var _ = visitor;
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync($"/api/cases/{caseId}/transcript")).StatusCode);

        var request = await (await demo.PostAsJsonAsync($"/api/cases/{caseId}/approvals", new { action = "export-transcript" })).Content.ReadFromJsonAsync<JsonElement>();
        var approvalId = request.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await demo.GetAsync($"/api/cases/{caseId}/export?approval={approvalId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await demo.PostAsync($"/api/approvals/{approvalId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.PostAsync($"/api/approvals/{approvalId}/approve", null)).StatusCode);
        // Only the requester, and only once.
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync($"/api/cases/{caseId}/export?approval={approvalId}")).StatusCode);
        var export = await demo.GetAsync($"/api/cases/{caseId}/export?approval={approvalId}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.True((await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transcript").GetArrayLength() >= 2);
        Assert.Equal(HttpStatusCode.Conflict, (await demo.GetAsync($"/api/cases/{caseId}/export?approval={approvalId}")).StatusCode);

        var supervisor = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var audit = await supervisor.GetFromJsonAsync<JsonElement>($"/api/audit?caseId={caseId}&last=2000");
        Assert.True(audit.GetProperty("verification").GetProperty("intact").GetBoolean());
        var actions = audit.GetProperty("entries").EnumerateArray().Select(e => $"{e.GetProperty("actor").GetString()}: {e.GetProperty("action").GetString()}").ToList();
        Assert.Contains("demo: GET /api/cases/{id}/transcript", actions);
        Assert.Contains("demo: requested approval: export-transcript", actions);
        Assert.Contains($"{ConsoleStack.Operator2}: approved: export-transcript requested by demo", actions);
        Assert.Contains("demo: exported transcript", actions);

        // Changing one entry breaks the chain, and verification says so.
        await stack.TamperWithAuditAsync(async () =>
        {
            var broken = await supervisor.GetFromJsonAsync<JsonElement>("/api/audit?last=1");
            Assert.False(broken.GetProperty("verification").GetProperty("intact").GetBoolean());
        });
    }

    [Fact]
    public async Task Answering_no_to_the_safety_question_gets_an_innocent_reply_and_the_case_becomes_critical()
    {
        var demo = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("my boyfriend took my documents and says I owe him for the trip", demo);
        using var _ = visitor;
        await visitor.WaitForBotMessageAsync(t => t.Contains("safe", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30));
        var before = visitor.BotTexts().Count();
        (await visitor.SayAsync("no")).EnsureSuccessStatusCode();
        var reply = await visitor.WaitForBotMessageAsync(t => t.Contains("Have a nice day", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("112", reply.GetProperty("text").GetString());
        var detail = await ConsoleStack.WaitForDetailAsync(demo, caseId, d => d.GetProperty("duress").GetBoolean(), TimeSpan.FromSeconds(30));
        Assert.Equal("critical", detail.GetProperty("case").GetProperty("severity").GetString());
        Assert.True(ConsoleStack.TimelineHas(detail, "duress"));
        Assert.True(visitor.BotTexts().Count() > before);
    }

    [Fact]
    public async Task The_duress_phrase_opens_a_critical_case_at_once_with_an_innocent_reply()
    {
        var demo = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("hi, do you have the Blue Umbrella in size 38?")).EnsureSuccessStatusCode();
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(demo, visitor.ConversationId, TimeSpan.FromSeconds(30));
        Assert.Equal("critical", listed.GetProperty("severity").GetString());
        var reply = await visitor.WaitForBotMessageAsync(t => t.Contains("Have a nice day", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("112", reply.GetProperty("text").GetString());
    }
}
