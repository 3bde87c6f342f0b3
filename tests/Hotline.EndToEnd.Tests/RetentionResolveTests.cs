using Hotline.Core.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The console's Resolve (the outcome recorded, then the case released) schedules the case for deletion after the retention
/// of that outcome; a supervisor who corrects the outcome later moves it; a person who writes again takes it off.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed class RetentionResolveTests(HotlineStack stack)
{
    [Fact]
    public async Task Resolving_a_case_keeps_it_for_its_outcomes_retention_and_writing_again_takes_it_off_the_schedule()
    {
        var api = await stack.SignInAsync();
        using var person = await stack.StartWebChatAsync();
        (await person.SayAsync("he hits me and I am scared to go home")).EnsureSuccessStatusCode();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, person.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"/api/cases/{caseId}/record", new { outcome = HotlineStack.SafetyPlan })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();

        var services = stack.OperatorHost!.Services;
        var retention = services.GetRequiredService<CaseRetention>();
        var closedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)await services.GetRequiredService<HotlineRedis>().Db.HashGetAsync(RedisKeys.Case(caseId), "closedAt"));
        var due = await retention.DueAsync(caseId);
        Assert.NotNull(due);
        // Scheduled in the same request, a moment after the close: the outcome's retention, not the default.
        Assert.InRange(due.Value - closedAt, TimeSpan.FromDays(HotlineStack.SafetyPlanDays), TimeSpan.FromDays(HotlineStack.SafetyPlanDays) + TimeSpan.FromSeconds(30));

        // A supervisor corrects the outcome after the close: the retention is the new outcome's, counted from the close.
        (await api.PutAsJsonAsync($"/api/cases/{caseId}/record", new { outcome = "information-given" })).EnsureSuccessStatusCode();
        var days = services.GetRequiredService<IOptions<RetentionOptions>>().Value.For("information-given");
        Assert.Equal(closedAt + days, await retention.DueAsync(caseId));

        // The person writes again: a new case opens and the first leaves the schedule (it goes with the new one).
        (await person.SayAsync("he is back and shouting, please help me")).EnsureSuccessStatusCode();
        for (var until = DateTime.UtcNow.AddSeconds(30); await retention.DueAsync(caseId) is not null; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the first case should leave the retention schedule once a new case opens");
        }
    }
}
