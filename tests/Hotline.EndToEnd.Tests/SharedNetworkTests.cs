using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Testing;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// A web chat network address is often shared by strangers (a carrier's NAT puts thousands behind one address). Past the
/// address's case budget a conversation still opens its own case and keeps its own reply route: the budget only ranks
/// those cases after the others of their severity, and marks them for the operator.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed partial class SharedNetworkTests(HotlineStack stack)
{
    private const string Critical = "burri po me rreh tani, ka thike ne dore, ndihme";
    private const string AsksForPerson = "can I talk to someone?";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_people_behind_one_address_over_its_case_budget_each_get_their_own_case_and_only_their_own_replies()
    {
        // A Bot whose budget is one case per address an hour; the people below share 127.0.0.61, someone else is on .62.
        var (bot, url) = await stack.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_CASES_PER_ADDRESS"] = "1" });
        await using var _ = bot;
        var api = await stack.SignInAsync();
        var caseIds = new List<string>();
        using var first = await HotlineHost.StartWebChatAsync(url, "127.0.0.61");
        using var a = await HotlineHost.StartWebChatAsync(url, "127.0.0.61");
        using var b = await HotlineHost.StartWebChatAsync(url, "127.0.0.61");
        using var elsewhere = await HotlineHost.StartWebChatAsync(url, "127.0.0.62");
        try
        {
            (await first.SayAsync("I would like some information about my options")).EnsureSuccessStatusCode();
            caseIds.Add(Id(await WebChatToOperatorTests.WaitForCaseAsync(api, first.ConversationId, Generous)));

            // A, over the budget, asks for a person: own case, and the place the bot tells is where the console lists it.
            var waitingBefore = await OpenAsync(api);
            (await a.SayAsync(AsksForPerson)).EnsureSuccessStatusCode();
            caseIds.Add(Id(await WebChatToOperatorTests.WaitForCaseAsync(api, a.ConversationId, Generous)));
            var told = (await a.WaitForBotMessageAsync(t => PlaceIn().IsMatch(t), Generous)).GetProperty("text").GetString()!;
            await AssertPlaceToldAsync(api, waitingBefore, a.ConversationId, int.Parse(PlaceIn().Match(told).Groups[1].Value));

            // B, also over it, writes something critical; someone on another network asks for a person after A did.
            (await b.SayAsync(Critical)).EnsureSuccessStatusCode();
            caseIds.Add(Id(await WebChatToOperatorTests.WaitForCaseAsync(api, b.ConversationId, Generous)));
            await b.WaitForBotMessageAsync(t => t.Contains("112", StringComparison.Ordinal), Generous);
            (await elsewhere.SayAsync(AsksForPerson)).EnsureSuccessStatusCode();
            caseIds.Add(Id(await WebChatToOperatorTests.WaitForCaseAsync(api, elsewhere.ConversationId, Generous)));

            // Four people, four cases, each on its own conversation; the two over the budget are marked.
            var open = await OpenAsync(api);
            Assert.Equal(4, caseIds.Distinct().Count());
            foreach (var (visitor, shared) in new[] { (first, false), (a, true), (b, true), (elsewhere, false) })
            {
                Assert.Equal(shared, open.Single(c => c.GetProperty("conversationId").GetString() == visitor.ConversationId).GetProperty("sharedNetwork").GetBoolean());
            }
            // Severity first: B's critical case is ahead of everything less severe, budget or not. Within a severity, A
            // (over the budget) waits behind the person who asked for a person later from another network.
            Assert.True(IndexIn(open, b.ConversationId) < IndexIn(open, elsewhere.ConversationId), "critical over the budget still ranks above medium");
            Assert.True(IndexIn(open, b.ConversationId) < IndexIn(open, first.ConversationId), "critical over the budget still ranks above the address's own first case");
            Assert.True(IndexIn(open, elsewhere.ConversationId) < IndexIn(open, a.ConversationId), "over the budget ranks after the others of the same severity");

            // An operator takes A's and B's cases and answers each: each person reads only the reply meant for them.
            const string ForA = "Yes, a counsellor is here now. What would you like to talk about?";
            const string ForB = "We are with you. Can you get to a room that locks, or out of the house?";
            foreach (var (caseId, text) in new[] { (caseIds[1], ForA), (caseIds[2], ForB) })
            {
                Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text })).StatusCode);
            }
            await a.WaitForBotMessageAsync(t => t == ForA, Generous);
            await b.WaitForBotMessageAsync(t => t == ForB, Generous);
            foreach (var visitor in new[] { first, a, b, elsewhere }) await visitor.PollAsync();
            Assert.Single(a.BotTexts(), t => t == ForA);
            Assert.Single(b.BotTexts(), t => t == ForB);
            Assert.DoesNotContain(ForB, a.BotTexts());
            Assert.DoesNotContain(ForA, b.BotTexts());
            Assert.DoesNotContain(first.BotTexts(), t => t == ForA || t == ForB);
            Assert.DoesNotContain(elsewhere.BotTexts(), t => t == ForA || t == ForB);
        }
        finally
        {
            // Leave no waiting case behind for the next test: each is claimed (if not yet) and released.
            foreach (var caseId in caseIds)
            {
                await api.PostAsync($"/api/cases/{caseId}/claim", null);
                await api.PostAsync($"/api/cases/{caseId}/release", null);
            }
        }
    }

    private static string Id(JsonElement listed) => listed.GetProperty("id").GetString()!;

    /// <summary>
    /// The place told is where the console lists the case, give or take the cases ahead of it that left the line between
    /// the telling and the console's reading (on the shared stack an earlier test's case may close by idle time then): the
    /// place told is one more for each such case at most, and each must be seen to have left the line. Two waiting cases
    /// keep their order, so a case that was waiting before the person wrote was ahead of theirs if the console lists it
    /// (then) before any case the console lists behind theirs (now).
    /// </summary>
    private static async Task AssertPlaceToldAsync(HttpClient api, List<JsonElement> waitingBefore, string conversationId, int told)
    {
        var waitingNow = await OpenAsync(api);
        var listed = IndexIn(waitingNow, conversationId) + 1;
        Assert.True(listed > 0, "the console lists the case");
        var stillWaiting = waitingNow.Select(Id).ToHashSet();
        var behind = waitingNow.Skip(listed).Select(Id).ToHashSet();
        var firstBehind = waitingBefore.FindIndex(c => behind.Contains(Id(c)));
        var leftFromAhead = waitingBefore.Take(firstBehind < 0 ? waitingBefore.Count : firstBehind).Select(Id).Where(id => !stillWaiting.Contains(id)).ToList();
        foreach (var id in leftFromAhead)
        {
            var status = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("status").GetString();
            Assert.True(status is "closed" or "claimed", $"case {id} is no longer listed as waiting, so it left the line (it is {status})");
        }
        Assert.InRange(told, listed, listed + leftFromAhead.Count);
    }

    private static async Task<List<JsonElement>> OpenAsync(HttpClient api) =>
        [.. (await api.GetFromJsonAsync<JsonElement>("/api/cases?status=open")).EnumerateArray().Select(c => c.Clone())];

    private static int IndexIn(List<JsonElement> open, string conversationId) =>
        open.FindIndex(c => c.GetProperty("conversationId").GetString() == conversationId);

    [GeneratedRegex(@"number (\d+) in line")]
    private static partial Regex PlaceIn();
}
