using Microsoft.AspNetCore.Authorization;

namespace Hotline.Operator.Accounts;

/// <summary>Who may do what. A signed-in account without the role gets 403.</summary>
public static class Policies
{
    /// <summary>Operators and supervisors: the queue, cases, transcripts, replies.</summary>
    public const string Staff = "staff";
    public const string Supervisor = "supervisor";
    public const string Unit = "unit";
    public const string Admin = "admin";

    public static AuthorizationBuilder AddHotlinePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, p => p.RequireRole(nameof(Role.Operator), nameof(Role.Supervisor)))
        .AddPolicy(Supervisor, p => p.RequireRole(nameof(Role.Supervisor)))
        .AddPolicy(Unit, p => p.RequireRole(nameof(Role.MobileUnit)))
        .AddPolicy(Admin, p => p.RequireRole(nameof(Role.Admin), nameof(Role.Supervisor)));
}
