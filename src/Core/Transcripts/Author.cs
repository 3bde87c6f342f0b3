namespace Hotline.Core.Transcripts;

/// <summary>Who wrote a transcript entry.</summary>
public enum Author
{
    Person = 0,
    Bot = 1,
    Operator = 2,
}
