namespace Hotline.Screening;

/// <summary>One word of a message: where its canonical form sits in the scratch buffer and where it came from.</summary>
internal struct Token
{
    public int NormStart;
    public int NormLength;
    public int Start;
    public int Length;
    public int Sentence;
    public int Clause;
    public int Number;
    public int HitStart;
    public int HitCount;
    public TokenFlags Flags;
    public byte Languages;
    /// <summary>Bit k: the canonical letter k was typed exactly twice ("noose"); r and l never (rr/ll are typed either way).</summary>
    public uint Doubled;
    /// <summary>Bit k: the canonical letter k was typed three times or more ("ndihmeeee"): emphasis, read as single or double.</summary>
    public uint Emphatic;
}
