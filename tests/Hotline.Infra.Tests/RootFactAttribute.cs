namespace Hotline.Infra.Tests;

/// <summary>A [Fact] that needs root: it has infra/up create Unix users and then acts as each of them. CI runs as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    private bool startsServices;

    public RootFactAttribute()
    {
        if (!Shell.IsRoot) Skip = "needs root: infra/up separates the services' Unix users only when run as root, and the test switches to those users";
    }

    /// <summary>
    /// The test starts the services as their own users, who must reach the build output: a repository in a folder closed to
    /// other users (such as /root) cannot be run that way, and infra/up says so; the test is skipped there, naming the folder.
    /// </summary>
    public bool StartsServices
    {
        get => startsServices;
        set
        {
            startsServices = value;
            if (value && Skip is null && ClosedFolderAbove(RepoPaths.Root) is { } closed)
            {
                Skip = $"{closed} is closed to other users (no o+x): the services' Unix users could not run the build below it";
            }
        }
    }

    private static string? ClosedFolderAbove(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if ((File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0) return dir.FullName;
        }
        return null;
    }
}
