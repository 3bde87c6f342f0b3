using System.Globalization;

namespace Hotline.Core.Transcripts;

/// <summary>
/// Where a transcript ends: its last entry's sequence and chain hash, all an append after it needs. Every step that appends
/// to a conversation's transcript keeps it in the conversation's hash (<see cref="Field"/>) in the same script, so a reader
/// of the hash knows the tail without reading the transcript; the append still stores only if the transcript has
/// <see cref="Sequence"/> + 1 entries, so a tail some writer did not note is found out and read again.
/// </summary>
public sealed record TranscriptTail(long Sequence, string ChainHash, string SealedKey)
{
    /// <summary>The conversation's hash field holding its transcript's tail: "sequence key chainhash" (the key: the id of the data key the last entry is sealed under).</summary>
    public const string Field = "tail";

    public static implicit operator TranscriptTail?(TranscriptEntry? entry) => entry is null ? null : Of(entry);

    /// <summary>The tail once <paramref name="entry"/> is the last entry.</summary>
    public static TranscriptTail Of(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.ChainHash(), entry.SealedKey);
    }

    /// <summary>The field's value.</summary>
    public string ToField() => Sequence.ToString(CultureInfo.InvariantCulture) + " " + SealedKey + " " + ChainHash;

    /// <summary>The tail a conversation's hash noted, or null when it noted none (or something unreadable).</summary>
    public static TranscriptTail? FromField(string? value)
    {
        if (value?.Split(' ') is not [var sequence, var key, var hash] || key.Length == 0 || hash.Length == 0) return null;
        return long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? new TranscriptTail(n, hash, key) : null;
    }
}
