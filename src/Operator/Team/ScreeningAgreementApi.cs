using Hotline.Operator.Cases;

namespace Hotline.Operator.Team;

/// <summary>Supervisors see how often operators agree with the screener, by language, category and severity; no text.</summary>
public static class ScreeningAgreementApi
{
    public static IEndpointRouteBuilder MapScreeningAgreementApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/supervisor/screening-agreement", GetAgreement).RequireAuthorization(Policies.Supervisor).Audited();
        return app;
    }

    public static async Task<Ok<AgreementReport>> GetAgreement(ScreeningAgreement agreement) => TypedResults.Ok(await agreement.ReportAsync());
}
