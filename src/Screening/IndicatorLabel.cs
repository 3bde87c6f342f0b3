namespace Hotline.Screening;

/// <summary>
/// A short, readable name of an indicator in Albanian and English ("Rrahje" / "Beating" for v.beating), from the
/// lexicon's data: what an operator reads instead of the id.
/// </summary>
public sealed record IndicatorLabel(string Sq, string En);
