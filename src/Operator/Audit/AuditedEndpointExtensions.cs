namespace Hotline.Operator.Audit;

public static class AuditedEndpointExtensions
{
    public static TBuilder Audited<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AuditedEndpoint.Instance);

    /// <summary>Between authentication and authorisation, so that it sees who called and also the calls authorisation refuses.</summary>
    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
