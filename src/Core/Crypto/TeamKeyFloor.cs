using System.Text;

namespace Hotline.Core.Crypto;

/// <summary>
/// The newest team key record this service has accepted, remembered outside Redis (a file beside the signing keys, in
/// HOTLINE_SIGNING_KEYS_DIR, shared by the services that share that folder, and in memory). Someone who can write Redis
/// could otherwise put back an older record, genuinely signed, from before a rotation that removed an operator, and every
/// service would seal new entries to a key the removed operator still holds. A record older than the floor, or another
/// record of the same version, is refused (<see cref="TeamKeyRollback"/>); a newer one raises the floor.
/// </summary>
public sealed class TeamKeyFloor
{
    public const string FileName = "team-key.floor";

    private readonly ForwardOnlyFile<Mark>? file;
    private readonly string pinnedFingerprint;
    private Mark? remembered;

    /// <param name="folder">HOTLINE_SIGNING_KEYS_DIR; empty keeps the floor in memory only (a tool that runs once).</param>
    public TeamKeyFloor(string folder, string pinnedFingerprint)
    {
        file = folder.Length > 0 ? new ForwardOnlyFile<Mark>(Path.Combine(folder, FileName)) : null;
        this.pinnedFingerprint = pinnedFingerprint;
    }

    /// <summary>What is remembered about one record: its version and a digest of everything it signs, under the pin it was trusted by.</summary>
    public sealed record Mark(string Fingerprint, long Version, string Digest) : IPinnedMark
    {
        long IPinnedMark.Position => Version;
    }

    public static Mark MarkOf(TeamKeyRecord record) =>
        new(record.Fingerprint, record.Version, HotlineCrypto.Fingerprint(Encoding.UTF8.GetBytes(record.SignedMessage)));

    /// <summary>The floor: the newer of the file's and this process's (a floor kept for another pin belongs to another team and counts for nothing).</summary>
    public Mark? Current => IPinnedMark.Further(file?.Read(), remembered, pinnedFingerprint);

    /// <summary>True when <paramref name="record"/> is exactly the floor: a record verified before needs no other check.</summary>
    public bool IsCurrent(TeamKeyRecord record) => Current is { } floor && floor.Version == record.Version && floor.Digest == MarkOf(record).Digest;

    /// <summary>Accepts a record the pinned key signed if it is not older than the floor, raising the floor to it; throws <see cref="TeamKeyRollback"/> otherwise.</summary>
    public void Accept(TeamKeyRecord record)
    {
        var mark = MarkOf(record);
        Check(Current, mark);
        var stored = file?.Update(old =>
        {
            var floor = old is not null && old.Fingerprint == pinnedFingerprint ? old : null;
            Check(floor, mark);
            return floor is not null && floor.Version == mark.Version ? null : mark;
        });
        var accepted = stored ?? mark;
        lock (file ?? (object)pinnedFingerprint)
        {
            if (remembered is null || accepted.Version > remembered.Version) remembered = accepted;
        }
    }

    private static void Check(Mark? floor, Mark mark)
    {
        if (floor is null) return;
        if (mark.Version < floor.Version)
        {
            throw new TeamKeyRollback($"the team key record in Redis is version {mark.Version}, older than version {floor.Version} that this service accepted before: an older record was put back");
        }
        if (mark.Version == floor.Version && mark.Digest != floor.Digest)
        {
            throw new TeamKeyRollback($"the team key record in Redis is version {mark.Version} but not the version {floor.Version} record this service accepted before");
        }
    }
}
