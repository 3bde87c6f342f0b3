using System.Globalization;
using System.Text;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Storage;
using Hotline.Operator.Cases;

namespace Hotline.Operator.Dashboard;

/// <summary>One cell of the monthly figures: a dimension (channel, language, …), a value, and a count or null when suppressed.</summary>
public sealed record StatisticsCell(string Dimension, string Value, int? Count);

public sealed record MonthlyReport(string Month, int? Contacts, IReadOnlyList<StatisticsCell> Cells, int SuppressBelow);

/// <summary>
/// The figures helplines report to funders, Child Helpline International and the national referral mechanism: contacts
/// opened in a month by channel, language, category, severity, age band, municipality, outcome and referral. No text
/// and no identifiers, only counts; any count under <see cref="SuppressBelow"/> is withheld so no small group can be
/// singled out.
/// </summary>
public sealed class MonthlyStatistics(CaseStore cases, CaseRecordStore records)
{
    public const int SuppressBelow = 5;
    public static readonly string[] Dimensions = ["channel", "language", "category", "severity", "age band", "municipality", "outcome", "referral"];

    public async Task<MonthlyReport> ForAsync(int year, int month)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var counts = Dimensions.ToDictionary(d => d, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var contacts = 0;
        foreach (var id in await cases.OpenedBetweenAsync(from, from.AddMonths(1)))
        {
            if (await cases.GetAsync(id) is not { } c) continue;
            contacts++;
            var facts = await cases.FactsAsync(id);
            var record = await records.GetAsync(id);
            Add(counts, "channel", c.Channel.ToWire());
            Add(counts, "language", c.Language.ToWire());
            foreach (var category in c.Categories.DefaultIfEmpty("uncategorised")) Add(counts, "category", category);
            Add(counts, "severity", c.Severity.ToWire());
            Add(counts, "age band", AgeBand(facts?.Age, c.Minor));
            Add(counts, "municipality", facts?.Place ?? "unknown");
            Add(counts, "outcome", record.Outcome ?? "not recorded");
            foreach (var referral in record.Referrals.DefaultIfEmpty("none")) Add(counts, "referral", referral);
        }
        var cells = Dimensions.SelectMany(d => counts[d].OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new StatisticsCell(d, kv.Key, Suppress(kv.Value)))).ToList();
        return new MonthlyReport($"{year:D4}-{month:D2}", Suppress(contacts), cells, SuppressBelow);
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

    /// <summary>Bands as child helplines report them; a minor without a stated age counts as "under 18, age unknown".</summary>
    public static string AgeBand(int? age, bool minor) => age switch
    {
        null => minor ? "under 18 (age unknown)" : "unknown",
        < 13 => "0-12",
        < 18 => "13-17",
        < 25 => "18-24",
        < 40 => "25-39",
        < 60 => "40-59",
        _ => "60+",
    };
}
