namespace Hotline.Operator.Cases;

/// <summary>Screener against operators on the cases operators rated, by language, category and severity. Never text.</summary>
/// <param name="Confusion">Rows the screener's severity, columns the operator's, none to critical.</param>
public sealed record AgreementReport(
    int Rated,
    int Agree,
    double Rate,
    IReadOnlyList<AgreementRow> ByLanguage,
    IReadOnlyList<AgreementRow> ByCategory,
    IReadOnlyList<AgreementRow> BySeverity,
    int[][] Confusion);
