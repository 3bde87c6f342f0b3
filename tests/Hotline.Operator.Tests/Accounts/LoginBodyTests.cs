using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Hotline.Operator.Tests.Accounts;

/// <summary>
/// The login body carries the authentication key, never the passphrase: a "password" field is refused whatever it holds,
/// and fields of the wrong type are refused too, each with a 400 problem, no session, no audit line and nothing else
/// written; the same body without the field signs in.
/// </summary>
public sealed class LoginBodyTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    [Fact]
    public async Task A_password_field_of_any_value_or_a_field_of_the_wrong_type_gets_a_400_problem_and_changes_nothing()
    {
        using var client = console.NewAnonymous();
        var login = await ClientKeys.PrepareLoginAsync(client, "demo", OperatorConsole.DemoPassword);
        var authKey = JsonSerializer.Serialize(login.AuthKey);
        string[] bodies =
        [
            $$"""{"username":"demo","authKey":{{authKey}},"password":null}""",
            $$"""{"username":"demo","authKey":{{authKey}},"password":""}""",
            $$"""{"username":"demo","authKey":{{authKey}},"password":123}""",
            $$$"""{"username":"demo","authKey":{{{authKey}}},"password":{"value":"x"}}""",
            $$"""{"password":null,"username":"demo","authKey":{{authKey}}}""",
            $$"""{"username":5,"authKey":{{authKey}}}""",
            $$"""{"username":["demo"],"authKey":{{authKey}}}""",
            """{"username":"demo","authKey":12345}""",
            """{"username":"demo","authKey":null}""",
            """{"username":"demo","authKey":true}""",
            $$"""{"username":null,"authKey":{{authKey}}}""",
            """[]""",
            """ "demo" """,
            """null""",
        ];
        var before = await StateAsync();
        foreach (var body in bodies)
        {
            using var response = await client.PostAsync("/api/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} answered {(int)response.StatusCode}: {answer}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{body}: no problem: {answer}");
            Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer).RootElement.GetProperty("title").GetString()), $"{body}: a problem without a title");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{body} set a cookie");
        }
        Assert.Equal(before, await StateAsync());

        // The same key in a body without the field signs in.
        using var signedIn = await client.PostAsJsonAsync("/api/auth/login", new { username = "demo", authKey = login.AuthKey });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    /// <summary>Every key and value Redis holds (sessions and the audit log included), hash fields in name order.</summary>
    private async Task<string> StateAsync()
    {
        var dump = await console.Redis.AllKeysAndValuesAsync();
        return string.Join('\n', dump.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Key + " " + string.Join(' ', e.Parts.Select(p => $"{Convert.ToHexString(p.Name ?? [])}={Convert.ToHexString(p.Value)}").Order(StringComparer.Ordinal))));
    }
}
