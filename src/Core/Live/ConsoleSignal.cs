using StackExchange.Redis;

namespace Hotline.Core.Live;

/// <summary>
/// What the Triage worker tells the consoles on the hl:notify stream (ids, names and counts only), written and read
/// only through this type: <see cref="ToFields"/> in Triage, <see cref="FromFields"/> in the Operator service.
/// </summary>
public abstract record ConsoleSignal
{
    private ConsoleSignal() { }

    /// <summary>Something about the case changed: consoles reload it.</summary>
    public sealed record CaseChanged(string CaseId) : ConsoleSignal;

    /// <summary>The case is offered to <paramref name="To"/>; <paramref name="From"/>, if not empty, held the offer before.</summary>
    public sealed record Offer(string CaseId, string To, string From) : ConsoleSignal;

    /// <summary>An escalation step: audience "operators" (every online operator), "supervisors", or "fallback".</summary>
    public sealed record Alert(string CaseId, int Stage, string Audience) : ConsoleSignal;

    public sealed record Surge(bool Active, int Waiting, int Free) : ConsoleSignal;

    public sealed record Dispatch(string CaseId, string Unit) : ConsoleSignal;

    public NameValueEntry[] ToFields() => this switch
    {
        CaseChanged c => [new(WireNames.TypeField, "case"), new("caseId", c.CaseId)],
        Offer o => [new(WireNames.TypeField, "offer"), new("caseId", o.CaseId), new("to", o.To), new("from", o.From)],
        Alert a => [new(WireNames.TypeField, "alert"), new("caseId", a.CaseId), new("stage", a.Stage), new("audience", a.Audience)],
        Surge s => [new(WireNames.TypeField, "surge"), new("active", s.Active ? 1 : 0), new("waiting", s.Waiting), new("free", s.Free)],
        Dispatch d => [new(WireNames.TypeField, "dispatch"), new("caseId", d.CaseId), new("unit", d.Unit)],
        _ => throw new InvalidOperationException($"Unknown console signal {GetType().Name}"),
    };

    /// <summary>The signal in a stream entry, or null when the entry is not one (unknown type, missing case id).</summary>
    public static ConsoleSignal? FromFields(NameValueEntry[] fields)
    {
        string F(string name) => fields.FirstOrDefault(v => v.Name == name).Value.ToString() ?? "";
        int N(string name) => int.TryParse(F(name), out var n) ? n : 0;
        var caseId = F("caseId");
        return F(WireNames.TypeField) switch
        {
            "surge" => new Surge(F("active") == "1", N("waiting"), N("free")),
            _ when caseId.Length == 0 => null,
            "case" => new CaseChanged(caseId),
            "offer" => new Offer(caseId, F("to"), F("from")),
            "alert" => new Alert(caseId, Math.Max(1, N("stage")), F("audience")),
            "dispatch" => new Dispatch(caseId, F("unit")),
            _ => new CaseChanged(caseId),
        };
    }
}
