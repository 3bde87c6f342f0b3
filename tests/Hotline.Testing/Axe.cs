using System.Text.Json;
using Microsoft.Playwright;

namespace Hotline.Testing;

/// <summary>Accessibility checks with axe-core, injected into a page under test (the script is a test asset, never served by the product).</summary>
public static class Axe
{
    /// <summary>Runs axe on the page as it is now, for WCAG 2.x A and AA rules unless other tags are given.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page, params string[] tags)
    {
        if (!File.Exists(RepoPaths.AxeScript)) throw new InvalidOperationException($"{RepoPaths.AxeScript} is missing: run infra/vendor");
        // Evaluated through the devtools protocol, not a <script> tag, so the page's own Content-Security-Policy does not block it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(RepoPaths.AxeScript));
        string[] wanted = tags.Length > 0 ? tags : ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """,
            wanted);
        return json.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToArray())).ToArray();
    }

    /// <summary>Fails when axe finds a serious or critical violation on the page as it is now.</summary>
    public static async Task AssertNoSeriousAsync(IPage page, string what)
    {
        var serious = (await RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count > 0) throw new InvalidOperationException($"{what}: {string.Join("; ", serious)}");
    }
}
