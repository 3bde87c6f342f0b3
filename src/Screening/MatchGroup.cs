namespace Hotline.Screening;

/// <summary>Variants sharing their first set and their second step.</summary>
internal readonly record struct MatchGroup(int Second, int Gap, int VariantsFrom, int VariantCount);
