using System.Net.Http.Headers;

namespace Hotline.EndToEnd.Tests;

/// <summary>Direct Line's token endpoints, as a partner website's server and a browser call them.</summary>
[Collection(HotlineCollection.Name)]
public sealed class DirectLineTokenTests(HotlineStack stack)
{
    [Fact]
    public async Task A_site_holding_the_secret_generates_a_token_that_starts_a_conversation_and_refreshes()
    {
        using var server = new HttpClient { BaseAddress = stack.BotUrl };
        server.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HotlineStack.DirectLineSecret);
        var generated = await server.PostAsync("/v3/directline/tokens/generate", null);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var grant = await generated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(grant.GetProperty("expires_in").GetInt32() > 0);

        using var browser = new HttpClient { BaseAddress = stack.BotUrl };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", grant.GetProperty("token").GetString());
        var started = await browser.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(grant.GetProperty("conversationId").GetString(), (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());

        var refreshed = await browser.PostAsync("/v3/directline/tokens/refresh", null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var fresh = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(grant.GetProperty("conversationId").GetString(), fresh.GetProperty("conversationId").GetString());
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh.GetProperty("token").GetString());
        var activities = await browser.GetFromJsonAsync<JsonElement>($"/v3/directline/conversations/{fresh.GetProperty("conversationId").GetString()}/activities");
        Assert.Contains(activities.GetProperty("activities").EnumerateArray(), a => a.GetProperty("text").GetString()!.Contains("Hello", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_secret_no_token_is_generated()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Bot.PostAsync("/v3/directline/tokens/generate", null)).StatusCode);
        using var wrong = new HttpClient { BaseAddress = stack.BotUrl };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/v3/directline/tokens/generate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/v3/directline/conversations", null)).StatusCode);
    }

    [Fact]
    public async Task The_secret_itself_starts_a_conversation_and_the_answer_carries_a_token_not_the_secret()
    {
        using var server = new HttpClient { BaseAddress = stack.BotUrl };
        server.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HotlineStack.DirectLineSecret);
        var started = await server.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.Content.ReadAsStringAsync();
        Assert.DoesNotContain(HotlineStack.DirectLineSecret, body, StringComparison.Ordinal);
        Assert.StartsWith("dl1.", JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Cors_lets_another_origin_ask_for_a_token()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/webchat/token");
        preflight.Headers.Add("Origin", "https://partner.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await stack.Bot.SendAsync(preflight);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
