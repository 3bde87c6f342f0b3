namespace Hotline.Screening.Tests;

/// <summary>Files the screening tests read, found from the folder holding Hotline.sln.</summary>
internal static class ScreeningPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared development set: ../shared/data/screening-dev.jsonl next to the repository.</summary>
    public static string DevSet =>
        Environment.GetEnvironmentVariable("HOTLINE_SCREENING_DEV") is { Length: > 0 } path ? path : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "screening-dev.jsonl"));

    public static string Data(string file) => Path.Combine(Root, "tests", "Hotline.Screening.Tests", "Data", file);

    public static string Script(string file) => Path.Combine(Root, "tests", "Hotline.Screening.Tests", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Hotline.sln not found above {AppContext.BaseDirectory}");
    }
}
