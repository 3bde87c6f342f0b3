namespace Hotline.Operator.Cases;

/// <summary>One group of rated cases: how many, how many the screener rated as the operator did, below and above.</summary>
/// <param name="Missed">The screener rated lower than the operator (for a category: the operator's, not the screener's).</param>
/// <param name="Extra">The screener rated higher (for a category: the screener's, not the operator's).</param>
public sealed record AgreementRow(string Key, int Cases, int Agree, int Missed, int Extra)
{
    public double Rate => Cases == 0 ? 1 : (double)Agree / Cases;
}
