namespace Hotline.Infra.Tests;

/// <summary>A [Fact] that needs root: it has infra/up create Unix users and then acts as each of them. CI runs as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Shell.IsRoot) Skip = "needs root: infra/up separates the services' Unix users only when run as root, and the test switches to those users";
    }
}
