using System.Runtime.CompilerServices;

namespace Hotline.Screening;

/// <summary>
/// Splits a message into tokens and writes each token's canonical form: lower case, Albanian and other Latin letters
/// without diacritics (ë→e, ç→c, and q→c because typists use q for ç), repeated letters collapsed (ndihmeeee→ndihme,
/// rr→r), digits inside words read as letters (h3lp), clitics split off (m'ka → m ka), then the lexicon's rewrites
/// (tn→tani, tash→tani, smelen→s me len). Positions map every canonical token back to the original text.
/// </summary>
internal static class Tokenizer
{
    private static readonly char[] LatinFold = BuildLatinFold();

    /// <summary>Tokenises <paramref name="text"/> into <paramref name="scratch"/> (cleared first).</summary>
    public static void Tokenize(string text, Scratch scratch, RewriteTable? rewrites)
    {
        scratch.Reset(text.Length);
        var sentence = 0;
        var clause = 0;
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                i = ReadWord(text, i, scratch, sentence, clause, rewrites);
                continue;
            }
            if (c == ' ')
            {
                // most characters between words: nothing to read
                i++;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                if (IsLaughing(cp)) scratch.AddLiteral("lol", i, 2, sentence, clause, TokenFlags.Emoji);
                i += 2;
                continue;
            }
            switch (c)
            {
                case '.' or '!' or '?' or ';' or '\n' or '\r' or '…' or '¿' or '¡':
                    // a run of punctuation ends one sentence only
                    if (scratch.Count > 0 && scratch.Tokens[scratch.Count - 1].Sentence == sentence) { sentence++; clause++; }
                    break;
                case ',' or ':' or '(' or ')' or '"' or '«' or '»' or '“' or '”' or '/' or '|' or '[' or ']' or '–' or '—':
                    if (scratch.Count > 0 && scratch.Tokens[scratch.Count - 1].Clause == clause) clause++;
                    break;
                case '-':
                    // a dash between spaces separates clauses; inside a word (ish-burri, 13-vjeçare) it only splits words
                    if (i > 0 && text[i - 1] == ' ' && i + 1 < n && text[i + 1] == ' '
                        && scratch.Count > 0 && scratch.Tokens[scratch.Count - 1].Clause == clause) clause++;
                    break;
            }
            i++;
        }
    }

    private static int ReadWord(string text, int i, Scratch scratch, int sentence, int clause, RewriteTable? rewrites)
    {
        var n = text.Length;
        var start = i;
        // a word writes at most one canonical char per text char: room for the rest of the text is enough
        scratch.EnsureNormRoom(n - i + 1);
        var norm = scratch.Norm;
        var normStart = scratch.NormLength;
        var length = normStart;
        var flags = TokenFlags.None;
        var startsWithDigit = char.IsAsciiDigit(text[i]) || char.IsDigit(text[i]);
        var prev = '\0';
        var letters = 0;
        var run = 0;
        uint doubled = 0, emphatic = 0;
        if (char.IsUpper(text[i])) flags |= TokenFlags.Capitalised;
        while (i < n)
        {
            var c = text[i];
            if (c < 128)
            {
                // ASCII fast path: most messages are typed without diacritics
                var kind = AsciiKind[c];
                if (kind == KindLetter)
                {
                    if (startsWithDigit) break;
                    var f = AsciiFold[c];
                    if (f == 'w') flags |= TokenFlags.HasW;
                    if (f != prev) { norm[length++] = f; run = 1; }
                    else Repeat(f, length - normStart - 1, ++run, ref doubled, ref emphatic);
                    prev = f;
                    letters++;
                    i++;
                    continue;
                }
                if (kind == KindDigit)
                {
                    if (!startsWithDigit)
                    {
                        // h3lp, k1ll: digits typed for letters
                        var leet = Leet(c);
                        if (leet == '\0') break;
                        flags |= TokenFlags.Leet;
                        if (leet != prev) { norm[length++] = leet; run = 1; }
                        else Repeat(leet, length - normStart - 1, ++run, ref doubled, ref emphatic);
                        prev = leet;
                        letters++;
                        i++;
                        continue;
                    }
                    if (letters > 0) break;
                    norm[length++] = c;
                    prev = c;
                    i++;
                    continue;
                }
                if (kind != KindApostrophe) break;
            }
            if (IsApostrophe(c))
            {
                // m'ka, s'm'len, n'shpi: a one-letter Albanian clitic before an apostrophe is a word of its own.
                if (letters == 1 && length - normStart == 1 && IsClitic(norm[normStart]))
                {
                    i++;
                    break;
                }
                // don't, he's, i'm: the apostrophe goes, the word stays whole.
                if (i + 1 < n && char.IsLetter(text[i + 1]) && letters > 0) { i++; continue; }
                break;
            }
            if (char.IsDigit(c))
            {
                // digits of other scripts: a word boundary
                break;
            }
            if (c is >= '\u0300' and <= '\u036F')
            {
                // a combining mark (text in NFD): ë typed as e + ◌̈ is still Albanian
                if (c is '\u0308' or '\u0327') flags |= TokenFlags.AlbanianLetter;
                i++;
                continue;
            }
            if (!char.IsLetter(c)) break;
            if (startsWithDigit) break;
            var folded = Fold(c, ref flags);
            if (folded == '\0') { i++; continue; }
            if (folded != prev || !char.IsLetter(folded)) { norm[length++] = folded; run = 1; }
            else Repeat(folded, length - normStart - 1, ++run, ref doubled, ref emphatic);
            prev = folded;
            letters++;
            i++;
        }
        scratch.NormLength = length;
        var end = i;
        // An apostrophe consumed as clitic marker is not part of the token's span.
        var spanEnd = end > start && IsApostrophe(text[end - 1]) ? end - 1 : end;
        var normLength = length - normStart;
        if (normLength == 0) return Math.Max(end, start + 1);
        if (startsWithDigit && letters == 0)
        {
            flags |= TokenFlags.Number;
            var value = 0;
            for (var k = normStart; k < length; k++) value = value < 100_000 ? value * 10 + (norm[k] - '0') : value;
            scratch.AddToken(normStart, normLength, start, spanEnd - start, sentence, clause, flags, value);
            return end;
        }
        if (rewrites is not null && rewrites.TryGet(norm.AsSpan(normStart, normLength), out var replacement))
        {
            scratch.NormLength = normStart;
            for (var k = 0; k < replacement.Length; k++)
            {
                scratch.AddLiteral(replacement[k], start, spanEnd - start, sentence, clause, flags | TokenFlags.Rewritten);
            }
            return end;
        }
        scratch.AddToken(normStart, normLength, start, spanEnd - start, sentence, clause, flags, 0);
        scratch.Tokens[scratch.Count - 1].Doubled = doubled;
        scratch.Tokens[scratch.Count - 1].Emphatic = emphatic;
        return end;
    }

    /// <summary>
    /// Repeated letters are collapsed in the canonical form, but remembered: a letter typed exactly twice must meet a
    /// lexicon word written with it twice ("nose" is not "noose", "rapped" not "raped"); three or more is emphasis and
    /// meets either. r and l are left out: Albanian rr/ll are typed either way (rreh/reh, vllai/vlai).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Repeat(char letter, int position, int run, ref uint doubled, ref uint emphatic)
    {
        if (letter is 'r' or 'l' || position is < 0 or >= 32 || !char.IsLetter(letter)) return;
        var bit = 1u << position;
        if (run == 2) doubled |= bit;
        else
        {
            doubled &= ~bit;
            emphatic |= bit;
        }
    }

    /// <summary>In the trie, a letter a lexicon word writes twice is followed by this mark.</summary>
    public const char DoubleMark = '\u0002';

    /// <summary>
    /// A lexicon word's canonical form with <see cref="DoubleMark"/> after each letter it writes twice (not r, l): how
    /// the trie stores it, so that only a message that also writes the letter twice (or more) meets it.
    /// </summary>
    public static string Marked(ReadOnlySpan<char> canonical, uint doubled)
    {
        if (doubled == 0) return canonical.ToString();
        var b = new System.Text.StringBuilder(canonical.Length + 4);
        for (var k = 0; k < canonical.Length; k++)
        {
            b.Append(canonical[k]);
            if (k < 32 && (doubled & (1u << k)) != 0) b.Append(DoubleMark);
        }
        return b.ToString();
    }

    /// <summary>The marked canonical form of one typed word (as <see cref="CanonicalWord"/>, with double marks).</summary>
    public static string MarkedWord(string word)
    {
        // The thread's scratch: a scratch a word was some 40 KB, and compiling the lexicon marks words by the ten thousand.
        var scratch = Scratch.Rent();
        Tokenize(word, scratch, null);
        var t = scratch.Tokens[0];
        var marked = scratch.Count == 1 ? Marked(scratch.Text(t), t.Doubled | t.Emphatic) : null;
        Scratch.Return(scratch);
        return marked ?? CanonicalWord(word);
    }

    private const byte KindOther = 0;
    private const byte KindLetter = 1;
    private const byte KindDigit = 2;
    private const byte KindApostrophe = 3;

    private static readonly byte[] AsciiKind = BuildAsciiKind();
    private static readonly char[] AsciiFold = BuildAsciiFold();

    private static byte[] BuildAsciiKind()
    {
        var kinds = new byte[128];
        for (var c = 'a'; c <= 'z'; c++) kinds[c] = KindLetter;
        for (var c = 'A'; c <= 'Z'; c++) kinds[c] = KindLetter;
        for (var c = '0'; c <= '9'; c++) kinds[c] = KindDigit;
        kinds['\''] = KindApostrophe;
        kinds['`'] = KindApostrophe;
        return kinds;
    }

    private static char[] BuildAsciiFold()
    {
        var fold = new char[128];
        for (var c = 0; c < 128; c++) fold[c] = (char)c;
        for (var c = 'A'; c <= 'Z'; c++) fold[c] = (char)(c + 32);
        // typists write ç as c or q: all three are one letter here
        fold['q'] = 'c';
        fold['Q'] = 'c';
        return fold;
    }

    /// <summary>The canonical form of one word typed in a lexicon (same rules as for messages, without rewrites).</summary>
    public static string CanonicalWord(string word)
    {
        var flags = TokenFlags.None;
        var chars = new List<char>(word.Length);
        var prev = '\0';
        foreach (var c in word)
        {
            if (c is >= '\u0300' and <= '\u036F' || IsApostrophe(c)) continue;
            var f = char.IsDigit(c) ? c : Fold(c, ref flags);
            if (f == '\0') continue;
            if (f == prev && char.IsLetter(f)) continue;
            chars.Add(f);
            prev = f;
        }
        return new string([.. chars]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => c < 128 ? AsciiKind[c] is KindLetter or KindDigit : char.IsLetterOrDigit(c) || c is >= '\u0300' and <= '\u036F';

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or '`' or '´' or 'ʼ';

    private static bool IsClitic(char c) => c is 'm' or 's' or 'n' or 't' or 'c' or 'k';

    private static bool IsLaughing(int cp) => cp is 0x1F602 or 0x1F923 or 0x1F606 or 0x1F605 or 0x1F639 or 0x1F601 or 0x1F61C or 0x1F61D or 0x1F604 or 0x1F92A;

    private static char Leet(char digit) => digit switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        _ => '\0',
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Fold(char c, ref TokenFlags flags)
    {
        if (c < 0x80)
        {
            if (c is >= 'A' and <= 'Z') c = (char)(c + 32);
            if (c == 'q') return 'c';
            if (c == 'w') flags |= TokenFlags.HasW;
            return c;
        }
        if (c < 0x180)
        {
            if (c is 'ë' or 'Ë' or 'ç' or 'Ç') flags |= TokenFlags.AlbanianLetter;
            return LatinFold[c];
        }
        if (c is >= '\uFF21' and <= '\uFF3A') return (char)(c - 0xFF21 + 'a');
        if (c is >= '\uFF41' and <= '\uFF5A') return (char)(c - 0xFF41 + 'a');
        flags |= TokenFlags.NonLatin;
        return char.ToLowerInvariant(c);
    }

    private static char[] BuildLatinFold()
    {
        var table = new char[0x180];
        for (var c = 0; c < 0x80; c++) table[c] = char.ToLowerInvariant((char)c);
        for (var c = 0x80; c < 0xC0; c++) table[c] = '\0';
        // U+00C0..U+00FF, then U+0100..U+017F: the base letter of each (× and ÷ are not letters)
        const string latin1 = "aaaaaaaceeeeiiiidnooooo\0ouuuuytsaaaaaaaceeeeiiiidnooooo\0ouuuuyty";
        const string extendedA =
            "aaaaaa" + "cccccccc" + "dddd" + "eeeeeeeeee" + "gggggggg" + "hhhh" + "iiiiiiiiii" + "ii" + "jj" + "kkk" +
            "llllllllll" + "nnnnnnnnn" + "oooooo" + "oo" + "rrrrrr" + "ssssssss" + "tttttt" + "uuuuuuuuuuuu" + "ww" + "yyy" + "zzzzzz" + "s";
        for (var k = 0; k < latin1.Length; k++) table[0xC0 + k] = latin1[k];
        for (var k = 0; k < extendedA.Length; k++) table[0x100 + k] = extendedA[k];
        // typists write ç as c or q: all three are one letter here
        table['ç'] = 'c';
        table['Ç'] = 'c';
        return table;
    }
}
