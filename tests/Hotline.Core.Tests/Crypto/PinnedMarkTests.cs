namespace Hotline.Core.Tests.Crypto;

/// <summary>
/// The rule the team key floor and the audit anchor share (<see cref="IPinnedMark"/>): of the mark in the file outside Redis
/// and the one this process remembers, the further counts, and a mark kept for another pinned key counts for nothing.
/// </summary>
public sealed class PinnedMarkTests
{
    private static TeamKeyFloor.Mark Floor(long version, string pin = "pin-a") => new(pin, version, $"digest-{version}");

    [Fact]
    public void The_further_of_the_files_mark_and_the_remembered_one_counts()
    {
        Assert.Equal(Floor(3), IPinnedMark.Further(Floor(3), Floor(2), "pin-a"));
        Assert.Equal(Floor(4), IPinnedMark.Further(Floor(3), Floor(4), "pin-a"));
        Assert.Equal(Floor(2), IPinnedMark.Further(null, Floor(2), "pin-a"));
        Assert.Equal(Floor(2), IPinnedMark.Further(Floor(2), null, "pin-a"));
        Assert.Null(IPinnedMark.Further<TeamKeyFloor.Mark>(null, null, "pin-a"));
    }

    [Fact]
    public void A_mark_kept_for_another_pinned_key_counts_for_nothing()
    {
        Assert.Equal(Floor(2), IPinnedMark.Further(Floor(9, "pin-b"), Floor(2), "pin-a"));
        Assert.Equal(Floor(1), IPinnedMark.Further(Floor(1), Floor(9, "pin-b"), "pin-a"));
        Assert.Null(IPinnedMark.Further(Floor(9, "pin-b"), null, "pin-a"));
    }

    [Fact]
    public void A_mark_in_its_file_holds_its_own_fields_only()
    {
        var folder = Directory.CreateTempSubdirectory("hl-pinned-mark-");
        try
        {
            var file = new ForwardOnlyFile<TeamKeyFloor.Mark>(Path.Combine(folder.FullName, TeamKeyFloor.FileName));
            file.Update(_ => Floor(5));

            Assert.Equal("{\"Fingerprint\":\"pin-a\",\"Version\":5,\"Digest\":\"digest-5\"}", File.ReadAllText(file.Path));
            Assert.Equal(Floor(5), file.Read());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
