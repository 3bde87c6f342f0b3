namespace Hotline.Operator.Audit;

/// <summary>Marks an endpoint whose calls the audit log records (<see cref="AuditMiddleware"/>).</summary>
public sealed class AuditedEndpoint
{
    public static readonly AuditedEndpoint Instance = new();

    private AuditedEndpoint()
    {
    }
}
