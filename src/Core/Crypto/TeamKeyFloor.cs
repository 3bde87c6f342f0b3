using System.Text;
using System.Text.Json.Serialization;

namespace Hotline.Core.Crypto;

/// <summary>
/// The newest team key record this service has accepted, remembered outside Redis (a file beside the signing keys, in
/// HOTLINE_SIGNING_KEYS_DIR, shared by the services that share that folder, and in memory). Someone who can write Redis
/// could otherwise put back an older record, genuinely signed, from before a rotation that removed an operator, and every
/// service would seal new entries to a key the removed operator still holds. A record older than the floor, or another
/// record of the same version, is refused (<see cref="TeamKeyRollback"/>); a newer one raises the floor only if its chain of
/// team signing keys (<see cref="TeamSigningChain"/>) runs through the key that signed the floor, so a removed operator who
/// kept an earlier signing key cannot start a branch of their own with a higher version.
/// </summary>
public sealed class TeamKeyFloor
{
    public const string FileName = "team-key.floor";

    private readonly ForwardOnlyFile<Mark>? file;
    private readonly object gate = new();
    private Mark? remembered;

    /// <param name="folder">HOTLINE_SIGNING_KEYS_DIR; empty keeps the floor in memory only (a tool that runs once).</param>
    public TeamKeyFloor(string folder)
    {
        file = folder.Length > 0 ? new ForwardOnlyFile<Mark>(Path.Combine(folder, FileName)) : null;
    }

    /// <summary>
    /// What is remembered about one record: its team (<see cref="TeamKeyRecord.TeamFingerprint"/>, the first signing key's
    /// fingerprint), its version, a digest of everything it signs, and the fingerprint of the key that signed it (null in a
    /// floor written before the signing key rotated: then it was the team's first).
    /// </summary>
    public sealed record Mark(string Fingerprint, long Version, string Digest,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Signer = null) : IPinnedMark
    {
        long IPinnedMark.Position => Version;
    }

    public static Mark MarkOf(TeamKeyRecord record) =>
        new(record.TeamFingerprint, record.Version, HotlineCrypto.Fingerprint(Encoding.UTF8.GetBytes(record.SignedMessage)), record.Fingerprint);

    /// <summary>The floor for <paramref name="team"/>: the newer of the file's and this process's (a floor kept for another team counts for nothing).</summary>
    public Mark? Current(string team) => IPinnedMark.Further(file?.Read(), remembered, team);

    /// <summary>True when <paramref name="record"/> is exactly the floor: a record verified before needs no other check.</summary>
    public bool IsCurrent(TeamKeyRecord record)
    {
        // Asked on every sealing with the same record: its mark (fingerprints and a digest of what it signs) is made once.
        var known = lastMarked;
        if (known is null || !ReferenceEquals(known.Record, record)) lastMarked = known = new Marked(record, MarkOf(record));
        return Current(known.Mark.Fingerprint) is { } floor && floor.Version == record.Version && floor.Digest == known.Mark.Digest;
    }

    private sealed record Marked(TeamKeyRecord Record, Mark Mark);

    private Marked? lastMarked;

    /// <summary>
    /// Accepts a record the pinned key signed if it is not older than the floor and descends from it, raising the floor to
    /// it; throws <see cref="TeamKeyRollback"/> otherwise.
    /// </summary>
    public void Accept(TeamKeyRecord record)
    {
        var mark = MarkOf(record);
        Check(Current(mark.Fingerprint), mark, record);
        var stored = file?.Update(old =>
        {
            var floor = old is not null && old.Fingerprint == mark.Fingerprint ? old : null;
            Check(floor, mark, record);
            return floor is not null && floor.Version == mark.Version ? null : mark;
        });
        var accepted = stored ?? mark;
        lock (gate)
        {
            if (remembered is null || remembered.Fingerprint != accepted.Fingerprint || accepted.Version > remembered.Version) remembered = accepted;
        }
    }

    private static void Check(Mark? floor, Mark mark, TeamKeyRecord record)
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
        if (mark.Version > floor.Version && !record.SigningChain.Contains(floor.Signer ?? floor.Fingerprint))
        {
            throw new TeamKeyRollback($"the team key record in Redis is version {mark.Version}, signed by a key that the key of version {floor.Version}, which this service accepted before, never handed over to: a key retired by a rotation signed it");
        }
    }
}
