namespace Hotline.Screening;

/// <summary>How an indicator whose category depends on who does it is resolved (see README-screening.md).</summary>
internal enum Resolution : byte
{
    Fixed,
    /// <summary>Beating, threats: hate_violence with an identity cue, domestic_violence with a family or partner actor.</summary>
    Violence,
    /// <summary>Confinement, a phone taken: trafficking in a work/debt/travel context, else domestic_violence.</summary>
    Control,
}
