using Hotline.Core.Team;

namespace Hotline.Triage.Routing;

/// <summary>An operator who could take a case now, with how many cases they hold.</summary>
public sealed record Candidate(TeamMember Member, PresenceStatus Status, int Load)
{
    public bool Free => Status == PresenceStatus.Online && Member.TakesCases && Load < Member.Capacity;
}
