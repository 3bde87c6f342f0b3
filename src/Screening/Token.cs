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
    /// <summary>The token's first hits are the trie's start list <c>[StartsFrom, StartsFrom + StartsCount)</c> (see <see cref="TokenTrie.Starts"/>); a typo's or a number's sets follow.</summary>
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
