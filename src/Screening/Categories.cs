namespace Hotline.Screening;

/// <summary>The seven categories, in a fixed order, and their bit masks.</summary>
internal static class Categories
{
    public static readonly string[] Names =
        ["trafficking", "domestic_violence", "sexual_violence", "digital_violence", "self_harm", "child_at_risk", "hate_violence"];

    public const int Trafficking = 1 << 0;
    public const int Domestic = 1 << 1;
    public const int Sexual = 1 << 2;
    public const int Digital = 1 << 3;
    public const int SelfHarm = 1 << 4;
    public const int Child = 1 << 5;
    public const int Hate = 1 << 6;

    /// <summary>Every subset as a ready list, so a result's categories cost no allocation.</summary>
    private static readonly IReadOnlyList<string>[] Lists = BuildLists();

    public static IReadOnlyList<string> List(int bits) => Lists[bits & 127];

    public static int Bit(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i < 0 ? throw new FormatException($"unknown category '{name}'") : 1 << i;
    }

    private static IReadOnlyList<string>[] BuildLists()
    {
        var lists = new IReadOnlyList<string>[128];
        for (var bits = 0; bits < 128; bits++)
        {
            var names = new List<string>();
            for (var i = 0; i < Names.Length; i++)
            {
                if ((bits & (1 << i)) != 0) names.Add(Names[i]);
            }
            lists[bits] = names.AsReadOnly();
        }
        return lists;
    }
}
