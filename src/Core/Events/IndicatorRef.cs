namespace Hotline.Core.Events;

/// <summary>
/// Where an indicator fired in a message: its id, category and position (UTF-16 offsets into the message text), never the
/// matched text. Kept sealed with the message's other facts; the operator's browser opens them and highlights these
/// positions over the transcript entry it decrypts.
/// </summary>
public sealed record IndicatorRef(string Id, string Category, int Start, int Length);
