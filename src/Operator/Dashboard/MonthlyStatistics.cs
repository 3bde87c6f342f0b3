using System.Globalization;
using System.Text;
using Hotline.Core;
using Hotline.Operator.Cases;

namespace Hotline.Operator.Dashboard;

/// <summary>
/// The figures helplines report to funders, Child Helpline International and the national referral mechanism: contacts
/// opened in a month by channel, language, category, severity, age band, municipality, outcome and referral. No text
/// and no identifiers, only counts; any count under <see cref="SuppressBelow"/> is withheld so no small group can be
/// singled out. Age and municipality are sealed to the team key, so the server counts neither: the supervisor's browser
/// opens the month's sealed facts and adds those two dimensions (console/statistics.js), withholding small cells alike.
/// </summary>
public sealed class MonthlyStatistics(CaseStore cases, CaseRecordStore records)
{
    public const int SuppressBelow = 5;
    public static readonly string[] Dimensions = ["channel", "language", "category", "severity", "outcome", "referral"];

    /// <summary>Counted by the supervisor's browser from the sealed facts (bands as <c>AgeBand</c> in console/statistics.js).</summary>
    public static readonly string[] CountedInTheBrowser = ["age band", "municipality"];

    public async Task<MonthlyReport> ForAsync(int year, int month)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var counts = Dimensions.ToDictionary(d => d, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var contacts = 0;
        var sealedFacts = new List<IReadOnlyList<string>>();
        foreach (var id in await cases.OpenedBetweenAsync(from, from.AddMonths(1)))
        {
            if (await cases.GetAsync(id) is not { } c) continue;
            contacts++;
            sealedFacts.Add((await cases.SealedFactsAsync(id)).Select(f => f.Sealed).ToList());
            var record = await records.GetAsync(id);
            Add(counts, "channel", c.Channel.ToWire());
            Add(counts, "language", c.Language.ToWire());
            foreach (var category in c.Categories.DefaultIfEmpty("uncategorised")) Add(counts, "category", category);
            Add(counts, "severity", c.Severity.ToWire());
            Add(counts, "outcome", record.Outcome ?? "not recorded");
            foreach (var referral in record.Referrals.DefaultIfEmpty("none")) Add(counts, "referral", referral);
        }
        var cells = Dimensions.SelectMany(d => counts[d].OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new StatisticsCell(d, kv.Key, Suppress(kv.Value)))).ToList();
        // In no particular order: the list does not line up with the cases opened, nor with each other's cells.
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sealedFacts));
        return new MonthlyReport($"{year:D4}-{month:D2}", Suppress(contacts), cells, SuppressBelow, sealedFacts);
    }

    public static string ToCsv(MonthlyReport report)
    {
        var csv = new StringBuilder("month,dimension,value,count\n");
        csv.Append(CultureInfo.InvariantCulture, $"{report.Month},contacts,all,{Count(report.Contacts)}\n");
        foreach (var cell in report.Cells) csv.Append(CultureInfo.InvariantCulture, $"{report.Month},{Field(cell.Dimension)},{Field(cell.Value)},{Count(cell.Count)}\n");
        return csv.ToString();
    }

    private static string Count(int? count) => count is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"<{SuppressBelow}";

    private static string Field(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static int? Suppress(int count) => count < SuppressBelow ? null : count;

    private static void Add(Dictionary<string, Dictionary<string, int>> counts, string dimension, string value) =>
        counts[dimension][value] = counts[dimension].GetValueOrDefault(value) + 1;
}
