using System.Net;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Identity;
using Hotline.Core.Storage;

namespace Hotline.Operator.Tests.Cases;

/// <summary>
/// A console that opens a case (its detail or its transcript) marks it as shown, before anything is read for it: the Triage
/// worker then signals every message of the case to the consoles, which a waiting case nobody opened does without.
/// </summary>
public sealed class CaseViewsTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    private async Task<string> WaitingCaseAsync()
    {
        var caseId = Ids.New("K", 12);
        // Opened as the Triage worker does, with its own Redis user (the Operator's may not open cases).
        await using var asTriage = await console.ConnectAsAsync("triage");
        await new CaseStore(asTriage.Store, TimeProvider.System).OpenAsync(caseId, Ids.New("C", 12), Severity.Low, ["violence"], Language.Sq, Channel.Sms);
        return caseId;
    }

    private async Task<bool> ShownAsync(string caseId) =>
        await console.Store.Db.SortedSetScoreAsync(RedisKeys.ViewedCases, caseId) is not null;

    [Theory]
    [InlineData("detail")]
    [InlineData("transcript")]
    public async Task Opening_a_case_on_a_console_marks_it_shown(string what)
    {
        var caseId = await WaitingCaseAsync();
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        Assert.False(await ShownAsync(caseId));

        (await demo.GetAsync($"/api/cases/{caseId}/{what}")).EnsureSuccessStatusCode();

        Assert.True(await ShownAsync(caseId));
    }

    [Fact]
    public async Task A_case_that_does_not_exist_is_not_marked()
    {
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        var missing = Ids.New("K", 12);

        Assert.Equal(HttpStatusCode.NotFound, (await demo.GetAsync($"/api/cases/{missing}/detail")).StatusCode);

        Assert.False(await ShownAsync(missing));
    }
}
