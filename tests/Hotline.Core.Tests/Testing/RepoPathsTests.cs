namespace Hotline.Core.Tests.Testing;

public sealed class RepoPathsTests
{
    [Fact]
    public void Root_is_the_folder_holding_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "Hotline.sln")));
        Assert.Equal(Path.Combine(RepoPaths.Root, "node_modules"), RepoPaths.NodeModules);
    }

    [Fact]
    public void FreePort_gives_a_port_nobody_listens_on()
    {
        var port = FreePort.Next();
        Assert.InRange(port, 1024, 65535);
        Assert.False(FreePort.IsListening(port));
    }
}
