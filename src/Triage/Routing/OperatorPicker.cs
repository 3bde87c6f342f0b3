using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Team;

namespace Hotline.Triage.Routing;

/// <summary>
/// Chooses who is offered a new urgent case first: online, below capacity; then the person's language, the case's
/// categories, the lightest load; operators before supervisors, who keep room to watch the queue.
/// </summary>
public static class OperatorPicker
{
    public static Candidate? Best(IEnumerable<Candidate> candidates, Language language, IReadOnlyList<string> categories) =>
        Ranked(candidates, language, categories).FirstOrDefault();

    /// <summary>Who is offered the case next: the best free operator it has not been offered to yet.</summary>
    public static Candidate? Next(IEnumerable<Candidate> candidates, Language language, IReadOnlyList<string> categories, IReadOnlyCollection<string> alreadyOffered) =>
        Ranked(candidates.Where(c => !alreadyOffered.Contains(c.Member.Username)), language, categories).FirstOrDefault();

    /// <summary>Free operators, best first.</summary>
    public static IEnumerable<Candidate> Ranked(IEnumerable<Candidate> candidates, Language language, IReadOnlyList<string> categories) =>
        candidates.Where(c => c.Free)
            .OrderByDescending(c => Score(c, language, categories))
            .ThenBy(c => c.Load)
            .ThenBy(c => c.Member.Username, StringComparer.Ordinal);

    public static int Score(Candidate c, Language language, IReadOnlyList<string> categories)
    {
        var score = 0;
        if (c.Member.Languages.Count == 0 || c.Member.Languages.Contains(language.ToWire())) score += 10;
        score += 4 * categories.Count(c.Member.Categories.Contains);
        if (!c.Member.Has("Operator")) score -= 3;
        return score;
    }

    /// <summary>Each team member's presence and load (cases they hold now).</summary>
    public static IReadOnlyList<Candidate> Candidates(IReadOnlyList<TeamMember> team, IReadOnlyList<OperatorPresence> presence, IReadOnlyList<CaseRecord> active) =>
        Candidates(team, presence, active.Where(c => c.Status == CaseStatus.Claimed && c.Holder is not null).GroupBy(c => c.Holder!).ToDictionary(g => g.Key, g => g.Count()));

    public static IReadOnlyList<Candidate> Candidates(IReadOnlyList<TeamMember> team, IReadOnlyList<OperatorPresence> presence, IReadOnlyDictionary<string, int> load)
    {
        var status = presence.ToDictionary(p => p.Username, p => p.Status);
        return team.Where(m => m.TakesCases)
            .Select(m => new Candidate(m, status.GetValueOrDefault(m.Username, PresenceStatus.Offline), load.GetValueOrDefault(m.Username)))
            .ToList();
    }
}
