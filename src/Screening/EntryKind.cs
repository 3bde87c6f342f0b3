namespace Hotline.Screening;

internal enum EntryKind : byte
{
    Indicator,
    Immediacy,
    Actor,
    Cue,
    Idiom,
    Place,
    Time,
    Age,
}
