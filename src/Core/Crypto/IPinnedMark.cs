namespace Hotline.Core.Crypto;

/// <summary>
/// A point that a service moves only forward and keeps for one team (its pinned key's fingerprint), in a
/// <see cref="ForwardOnlyFile{T}"/> and in its own memory: the team key floor, the audit anchor.
/// </summary>
public interface IPinnedMark
{
    /// <summary>The fingerprint of the pinned key the mark was kept under.</summary>
    string Fingerprint { get; }

    /// <summary>How far along the mark is: of two marks for one pin, the one further along counts.</summary>
    long Position { get; }

    /// <summary>
    /// The mark that counts for <paramref name="pin"/>: the further of the file's and this process's. A mark kept for another
    /// pin belongs to another team and counts for nothing; a file that lost a step (copied back, say) cannot undo what this
    /// process remembers, nor a restarted process what the file holds.
    /// </summary>
    static T? Further<T>(T? stored, T? remembered, string pin) where T : class, IPinnedMark
    {
        if (stored is not null && stored.Fingerprint != pin) stored = null;
        if (remembered is not null && remembered.Fingerprint != pin) remembered = null;
        return stored is null ? remembered : remembered is null || stored.Position >= remembered.Position ? stored : remembered;
    }
}
