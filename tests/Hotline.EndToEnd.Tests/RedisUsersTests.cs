using System.Text.RegularExpressions;

namespace Hotline.EndToEnd.Tests;

/// <summary>The stack runs on production's Redis ACL: each service is connected as its own user, none as a user that may do everything.</summary>
[Collection(HotlineCollection.Name)]
public sealed partial class RedisUsersTests(HotlineStack stack)
{
    [Fact]
    public async Task Each_service_is_connected_to_Redis_as_its_own_user()
    {
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("hello")).EnsureSuccessStatusCode();
        await using var inspector = await stack.Redis.ConnectAsync();
        var clients = "";
        foreach (var server in stack.Redis.Servers(inspector)) clients += (await server.ExecuteAsync("CLIENT", "LIST")).ToString();
        var byName = ClientLine().Matches(clients).Select(m => (Name: m.Groups["name"].Value, User: m.Groups["user"].Value)).ToList();

        Assert.Contains(byName, c => c is { Name: "hotline-bot", User: "bot" });
        Assert.Contains(byName, c => c is { Name: "hotline-triage", User: "triage" });
        Assert.Contains(byName, c => c is { Name: "hotline-operator", User: "operator" });
        // A service's own connections (its main one, the memory watch's "-memory") all log in as that service's user.
        Assert.All(byName.Where(c => c.Name.StartsWith("hotline-", StringComparison.Ordinal)), c => Assert.Matches($"^hotline-{c.User}(-[a-z]+)?$", c.Name));
        Assert.DoesNotContain(byName, c => c.User == "default");
    }

    [GeneratedRegex(@"name=(?<name>\S*) .*? user=(?<user>\S+)")]
    private static partial Regex ClientLine();
}
