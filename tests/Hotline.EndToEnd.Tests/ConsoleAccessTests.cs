using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hotline.EndToEnd.Tests;

/// <summary>Roles, lockout, four eyes and the audit log, through the API as any client would use it.</summary>
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
    public async Task Repeated_failed_sign_ins_lock_the_name_even_with_the_right_password_afterwards()
    {
        try
        {
        for (var i = 0; i < 10; i++)
        {
            var wrong = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "unit-tirana", password = "guess " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var locked = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "unit-tirana", password = ConsoleStack.UnitPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.True(locked.Headers.RetryAfter is not null);
        // Names that do not exist lock the same way, so the lockout tells nothing about which names exist.
        for (var i = 0; i < 10; i++) await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "nobody-here", password = "x" });
        var unknown = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "nobody-here", password = "x" });
        Assert.Equal("Locked", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        finally
        {
            await stack.ClearLockoutAsync("unit-tirana");
        }
    }

    [Fact]
    public async Task A_cookie_without_the_request_header_cannot_change_anything()
    {
        var login = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = ConsoleStack.Operator2, password = ConsoleStack.Operator2Password });
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
        await visitor.WaitForBotMessageAsync(t => t.Contains("safe", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(5));
        var before = visitor.BotTexts().Count();
        (await visitor.SayAsync("no")).EnsureSuccessStatusCode();
        var reply = await visitor.WaitForBotMessageAsync(t => t.Contains("Have a nice day", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("112", reply.GetProperty("text").GetString());
        var detail = await ConsoleStack.WaitForDetailAsync(demo, caseId, d => d.GetProperty("duress").GetBoolean(), TimeSpan.FromSeconds(5));
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
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(demo, visitor.ConversationId, TimeSpan.FromSeconds(5));
        Assert.Equal("critical", listed.GetProperty("severity").GetString());
        var reply = await visitor.WaitForBotMessageAsync(t => t.Contains("Have a nice day", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("112", reply.GetProperty("text").GetString());
    }
}
