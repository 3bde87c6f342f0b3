namespace Hotline.Screening;

[Flags]
internal enum TokenFlags : ushort
{
    None = 0,
    Number = 1,
    /// <summary>First letter upper case in the original.</summary>
    Capitalised = 2,
    /// <summary>Had ë or ç in the original: strong evidence of Albanian.</summary>
    AlbanianLetter = 4,
    /// <summary>Letters outside Latin (Cyrillic, Greek, Arabic, ...).</summary>
    NonLatin = 8,
    /// <summary>Had w, a letter Albanian does not use.</summary>
    HasW = 16,
    /// <summary>Produced by a rewrite (abbreviation, Gheg or SMS form).</summary>
    Rewritten = 32,
    /// <summary>A laughing emoji, turned into the token "lol".</summary>
    Emoji = 64,
    /// <summary>Letters typed as digits ("h3lp") were read as letters.</summary>
    Leet = 128,
    /// <summary>Read as the lexicon word one typing error away ("atacked" as "attacked").</summary>
    Typo = 256,
}
