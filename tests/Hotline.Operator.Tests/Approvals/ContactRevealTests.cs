using System.Security.Claims;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Dispatch;
using Hotline.Core.Identity;
using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Operator.Approvals;
using Hotline.Operator.Audit;
using Hotline.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Operator.Tests.Approvals;

/// <summary>The four-eyes contact reveal, as the console's approve route runs it, on a real Redis.</summary>
[Collection(RedisFixture.Collection)]
public sealed class ContactRevealTests(RedisFixture fixture)
{
    private readonly HotlineRedis redis = new(fixture.Connection);
    private readonly TimeProvider time = TimeProvider.System;

    private CaseStore Cases => new(redis, time);
    private DispatchStore Dispatches => new(redis, time);
    private CaseTimeline Timeline => new(redis, time);
    private AuditLog Audit => new(redis, time, NullLogger<AuditLog>.Instance);
    private StreamOutboundNotifier Notifier => new(redis);

    [Fact]
    public async Task Approved_contact_reveal_queues_a_contact_notice_to_the_dispatched_unit_without_any_number()
    {
        var (caseId, code) = await CaseWithSentDispatchAsync("unit-durres");
        var approvalId = await RequestAsync(caseId, "ana");

        var result = await ApprovalsApi.Approve(approvalId, As("drita"), redis, Audit, Dispatches, Timeline, Notifier, time);

        Assert.IsType<Ok<Approval>>(result.Result);
        Assert.True((await Dispatches.GetAsync(caseId))!.ContactApproved);
        var notice = Assert.Single(await NoticesForAsync(caseId));
        Assert.Equal("unit-durres", notice["recipient"]);
        Assert.Equal(NoticePurposes.Contact, notice["purpose"]);
        Assert.Contains(code, notice["text"], StringComparison.Ordinal);
        Assert.DoesNotContain('+', notice["text"]);
    }

    [Fact]
    public async Task Contact_reveal_asked_but_not_approved_queues_nothing()
    {
        var (caseId, _) = await CaseWithSentDispatchAsync("unit-shkoder");
        var approvalId = await RequestAsync(caseId, "ana");

        var ownApproval = await ApprovalsApi.Approve(approvalId, As("ana"), redis, Audit, Dispatches, Timeline, Notifier, time);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(ownApproval.Result).StatusCode);
        Assert.False((await Dispatches.GetAsync(caseId))!.ContactApproved);
        Assert.Empty(await NoticesForAsync(caseId));
    }

    private async Task<(string CaseId, string Code)> CaseWithSentDispatchAsync(string unit)
    {
        var caseId = Ids.New("k", 16);
        await Cases.OpenAsync(caseId, Ids.New("c", 16), Severity.Critical, ["violence"], Language.Sq, Channel.Sms, minor: false);
        var (dispatch, _) = await Dispatches.ProposeAsync(caseId, unit, "Durrës", "violence", "critical");
        Assert.True(await Dispatches.TransitionAsync(caseId, DispatchStatus.Proposed, DispatchStatus.Confirmed, "confirmedAt"));
        Assert.True(await Dispatches.TransitionAsync(caseId, DispatchStatus.Confirmed, DispatchStatus.Sent, "sentAt"));
        return (caseId, dispatch.Code);
    }

    private async Task<string> RequestAsync(string caseId, string requester)
    {
        var result = await ApprovalsApi.Request(caseId, new ApprovalRequestBody(SensitiveActions.RevealContact, PersonAgreed: true), As(requester),
            Cases, Dispatches, redis, Audit, Timeline, time);
        return Assert.IsType<Ok<Approval>>(result.Result).Value!.Id;
    }

    private async Task<List<Dictionary<string, string>>> NoticesForAsync(string caseId) =>
        (await redis.Db.StreamRangeAsync(RedisKeys.Notices))
            .Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
            .Where(n => n["caseId"] == caseId)
            .ToList();

    private static ClaimsPrincipal As(string name) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));
}
