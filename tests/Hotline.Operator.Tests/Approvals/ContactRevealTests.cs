using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Dispatch;
using Hotline.Core.Identity;
using Hotline.Core.Notices;
using Hotline.Operator.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Operator.Tests.Approvals;

/// <summary>The four-eyes contact reveal through the console's API: one operator asks, another approves, the unit's notice is queued.</summary>
public sealed class ContactRevealTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    [Fact]
    public async Task Approved_contact_reveal_queues_a_contact_notice_to_the_dispatched_unit_without_any_number()
    {
        var (caseId, code) = await CaseWithSentDispatchAsync("unit-durres");
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        using var colleague = await console.SignInAsync(OperatorConsole.Colleague, OperatorConsole.ColleaguePassword);
        var approvalId = await RequestRevealAsync(demo, caseId);
        Assert.Empty(await NoticesForAsync(caseId));

        (await colleague.PostAsync($"/api/approvals/{approvalId}/approve", null)).EnsureSuccessStatusCode();

        var detail = await demo.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/detail");
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "contact-cleared");
        var notice = Assert.Single(await NoticesForAsync(caseId));
        Assert.Equal("unit-durres", notice["recipient"]);
        Assert.Equal(NoticePurposes.Contact, notice["purpose"]);
        Assert.Contains(code, notice["text"], StringComparison.Ordinal);
        Assert.DoesNotContain('+', notice["text"]);
    }

    [Fact]
    public async Task Contact_reveal_the_requester_approves_alone_is_refused_and_queues_nothing()
    {
        var (caseId, _) = await CaseWithSentDispatchAsync("unit-shkoder");
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        var approvalId = await RequestRevealAsync(demo, caseId);

        var own = await demo.PostAsync($"/api/approvals/{approvalId}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.False((await console.Services.GetRequiredService<DispatchStore>().GetAsync(caseId))!.ContactApproved);
        Assert.Empty(await NoticesForAsync(caseId));
    }

    /// <summary>A critical case whose dispatch Triage sent to the unit.</summary>
    private async Task<(string CaseId, string Code)> CaseWithSentDispatchAsync(string unit)
    {
        var caseId = Ids.New("k", 16);
        // Opened and dispatched as the Triage worker does, with its own Redis user (the Operator's may not open cases).
        await using var asTriage = await console.ConnectAsAsync("triage");
        var triage = asTriage.Store;
        await new CaseStore(triage, TimeProvider.System).OpenAsync(caseId, Ids.New("c", 16), Severity.Critical, ["violence"], Language.Sq, Channel.Sms);
        var dispatches = new DispatchStore(triage, TimeProvider.System);
        var (dispatch, _) = await dispatches.ProposeAsync(caseId, unit, "violence", "critical");
        Assert.True(await dispatches.TransitionAsync(caseId, DispatchStatus.Proposed, DispatchStatus.Confirmed, "confirmedAt"));
        Assert.True(await dispatches.TransitionAsync(caseId, DispatchStatus.Confirmed, DispatchStatus.Sent, "sentAt"));
        return (caseId, dispatch.Code);
    }

    private static async Task<string> RequestRevealAsync(HttpClient client, string caseId)
    {
        var response = await client.PostAsJsonAsync($"/api/cases/{caseId}/approvals", new { action = "reveal-contact", personAgreed = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<List<Dictionary<string, string>>> NoticesForAsync(string caseId) =>
        (await console.Store.Db.StreamRangeAsync(RedisKeys.Notices))
            .Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
            .Where(n => n["caseId"] == caseId)
            .ToList();
}
