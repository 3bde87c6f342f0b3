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
    /// <summary>
    /// The token's start sets from the trie are its walk's start list <c>[StartsFrom, StartsFrom + StartsCount)</c> of
    /// <see cref="TokenTrie.Starts"/>, read there and not copied; its hits (<c>[HitStart, HitStart + HitCount)</c> of
    /// <see cref="Scratch.Hits"/>) are the start sets a typo's correction or a number adds.
    /// </summary>
    public int StartsFrom;
    public int StartsCount;
    /// <summary>The trie node the token's walk reached (0 for none), whether the token ends there, and whether it is a word the lexicon knows (<see cref="TokenTrie.Find"/>).</summary>
    public int TrieNode;
    /// <summary>The matcher's groups of the token's start sets from the trie (<see cref="Screener"/>'s ops).</summary>
    public int OpsFrom;
    public int OpsTo;
    public bool WholeWord;
    public bool KnownWord;
    public TokenFlags Flags;
    public byte Languages;
    /// <summary>Bit k: the canonical letter k was typed exactly twice ("noose"); r and l never (rr/ll are typed either way).</summary>
    public uint Doubled;
    /// <summary>Bit k: the canonical letter k was typed three times or more ("ndihmeeee"): emphasis, read as single or double.</summary>
    public uint Emphatic;
}
