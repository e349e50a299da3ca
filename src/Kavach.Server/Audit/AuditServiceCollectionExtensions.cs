namespace Kavach.Server.Audit;

/// <summary>Registers the audit trail's background work (the per-request hooks are the envelope layer's: RequestAuditFilter and the response writer).</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Adds the start-up record and the periodic checkpoints.</summary>
    public static IServiceCollection AddKavachAudit(this IServiceCollection services) =>
        services.AddHostedService<AuditCheckpointService>();
}
