using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.EndToEnd.Tests;

/// <summary>Microsoft's Web Chat 4.18, embedded on another origin than the Bot, talks to the hotline in chromium, typing indicators both ways.</summary>
[Collection(HotlineCollection.Name)]
public sealed class WebChatEmbedTests(HotlineStack stack)
{
    [Fact]
    public async Task Official_web_chat_on_another_origin_shows_the_bots_and_the_operators_messages_and_typing_both_ways()
    {
        await using var site = await StartEmbeddingSiteAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.Url}embed.html?bot={Uri.EscapeDataString(stack.BotUrl.ToString().TrimEnd('/'))}");
        await Assertions.Expect(Bubble(page, "This chat is confidential")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync("my husband beats me, he is at the door now with a knife");
        await input.PressAsync("Enter");
        await Assertions.Expect(Bubble(page, "We have passed your conversation to our counsellors as urgent")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var conversationId = await page.EvaluateAsync<string>("window.hotlineConversationId");
        var operatorClient = await stack.SignInAsync();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(operatorClient, conversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        // The person types in Web Chat: the holder's console shows it (Web Chat's typing activities over Direct Line).
        var console = await browser.NewPageAsync();
        await console.GotoAsync(stack.OperatorUrl.ToString());
        await console.FillAsync("#username", "demo");
        await console.FillAsync("#password", HotlineStack.DemoPassword);
        await console.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(console.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        await Assertions.Expect(console.Locator("#case-id")).ToHaveTextAsync(caseId, new() { Timeout = 10_000 });
        await input.PressSequentiallyAsync("he is asleep now");
        await Assertions.Expect(console.Locator("#typing")).ToHaveTextAsync("The person is typing…", new() { Timeout = 10_000 });
        await input.FillAsync("");
        // The counsellor types: Web Chat shows its typing indicator (a typing activity over the stream).
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.PostAsync($"/api/cases/{caseId}/typing", null)).StatusCode);
        await Assertions.Expect(page.Locator(".webchat__typing-indicator").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "A counsellor here. Can you get to a safe room and lock it?" })).StatusCode);
        await Assertions.Expect(Bubble(page, "Can you get to a safe room and lock it?")).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }

    /// <summary>A message bubble as Web Chat draws it (its screen-reader copies of the text are hidden).</summary>
    private static ILocator Bubble(IPage page, string text) => page.Locator(".webchat__bubble__content", new() { HasText = text }).First;

    private sealed class EmbeddingSite(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>A partner's website on its own origin, serving the embed page and webchat.js from node_modules.</summary>
    private static async Task<EmbeddingSite> StartEmbeddingSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var embed = Path.Combine(RepoPaths.Root, "tests", "Hotline.EndToEnd.Tests", "Clients", "webchat-embed.html");
        var webchat = Path.Combine(RepoPaths.NodeModules, "botframework-webchat", "dist", "webchat.js");
        app.MapGet("/embed.html", () => Results.File(embed, "text/html; charset=utf-8"));
        app.MapGet("/webchat.js", () => Results.File(webchat, "text/javascript"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbeddingSite(app, new Uri(address + "/"));
    }
}
