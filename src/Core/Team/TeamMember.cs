namespace Hotline.Core.Team;

/// <summary>What routing needs to know of a team member: roles, languages, categories and how many cases at once.</summary>
public sealed record TeamMember(string Username, IReadOnlyList<string> Roles, IReadOnlyList<string> Languages, IReadOnlyList<string> Categories, int Capacity)
{
    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Takes cases: an operator or a supervisor.</summary>
    public bool TakesCases => Has("Operator") || Has("Supervisor");
}
