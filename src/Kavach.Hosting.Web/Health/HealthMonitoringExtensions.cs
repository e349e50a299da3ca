namespace Kavach.Hosting.Web.Health;

/// <summary>Registers the background health monitoring every host with a key vault runs.</summary>
public static class HealthMonitoringExtensions
{
    /// <summary>Adds the <see cref="VaultHealthMonitor"/>, which keeps the vault gate true to the vault.</summary>
    public static IServiceCollection AddKavachVaultHealthMonitor(this IServiceCollection services) =>
        services.AddHostedService<VaultHealthMonitor>();
}
