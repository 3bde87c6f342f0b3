namespace Hotline.Testing;

/// <summary>The repository's folders, found by walking up from the test's own location to the folder holding Hotline.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> root = new(FindRoot);

    public static string Root => root.Value;

    /// <summary>npm packages installed from the root package.json (`npm ci`, which infra/test runs).</summary>
    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>axe-core's browser build, vendored for tests only (never served by the product); see <see cref="Axe"/>.</summary>
    public static string AxeScript => Path.Combine(Root, "tests", "Hotline.Testing", "vendor", "axe.min.js");

    /// <summary>A path under the repository root from its parts, e.g. <c>RepoPaths.Combine("src", "Bot", "wwwroot")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Hotline.sln not found in any folder above {AppContext.BaseDirectory}");
    }
}
