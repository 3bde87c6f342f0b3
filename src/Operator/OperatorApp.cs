using Hotline.Operator.Approvals;
using Hotline.Operator.Cases;
using Hotline.Operator.Dashboard;
using Hotline.Operator.Dispatch;
using Hotline.Operator.Keys;
using Hotline.Operator.Team;
using Hotline.Operator.Live;
using Hotline.ServiceDefaults;

namespace Hotline.Operator;

/// <summary>Builds the console service; Program runs it, tests start it on a free loopback port.</summary>
public static class OperatorApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = HotlineWebApp.CreateBuilder(args, configure);
        builder.AddOperatorConsole();

        var app = builder.Build();
        app.UseHotlineDefaults();
        app.UseEmbeddedPages(typeof(OperatorApp).Assembly);
        app.UseAuthentication();
        app.UseAudit();
        app.UseAuthorization();
        app.MapHealthChecks();
        app.MapTelemetry();
        app.MapAuthApi();
        app.MapOperatorsApi();
        app.MapTeamKeyApi();
        app.MapOperatorKeysApi();
        app.MapCasesApi();
        app.MapNextCaseApi();
        app.MapCaseHistoryApi();
        app.MapCaseMoveApi();
        app.MapCaseDeletionApi();
        app.MapTeamApi();
        app.MapSupervisorApi();
        app.MapAuditApi();
        app.MapDispatchApi();
        app.MapApprovalsApi();
        app.MapDashboardApi();
        app.MapHub<ConsoleHub>(ConsoleHub.Path);
        return app;
    }
}
