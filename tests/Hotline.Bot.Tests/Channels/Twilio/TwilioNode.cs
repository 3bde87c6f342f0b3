using System.Text.Json.Nodes;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>Runs twilio-sign.cjs: twilio-node's getExpectedTwilioSignature and validateRequest, from the repository's node_modules.</summary>
public static class TwilioNode
{
    public static string Script => RepoPaths.Combine("tests", "Hotline.Bot.Tests", "Channels", "Twilio", "twilio-sign.cjs");

    public static async Task<IReadOnlyList<SignResult>> RunAsync(IReadOnlyList<SignCase> cases)
    {
        var input = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["token"] = c.Token,
            ["signUrl"] = c.SignUrl,
            ["receivedUrl"] = c.ReceivedUrl,
            ["signature"] = c.Signature,
            ["params"] = ParamsObject(c.Params),
        }).ToArray());
        var result = (await Node.RunAsync(Script, stdin: input.ToJsonString())).EnsureSuccess();
        using var json = JsonDocument.Parse(result.StdOut);
        return json.RootElement.EnumerateArray().Select(e => new SignResult(
            e.GetProperty("signature").GetString()!,
            e.GetProperty("valid").ValueKind == JsonValueKind.Null ? null : e.GetProperty("valid").GetBoolean())).ToList();
    }

    /// <summary>The X-Twilio-Signature Twilio would send for this URL and these parameters.</summary>
    public static async Task<string> SignAsync(string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string token = FakeTwilio.AuthToken) =>
        (await RunAsync([new SignCase(url, parameters, Token: token)]))[0].Signature;

    /// <summary>A repeated name becomes an array, as twilio-node takes it from a parsed form.</summary>
    private static JsonObject ParamsObject(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var obj = new JsonObject();
        foreach (var group in parameters.GroupBy(p => p.Key))
        {
            var values = group.Select(p => p.Value).ToArray();
            obj[group.Key] = values.Length == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        }
        return obj;
    }
}
