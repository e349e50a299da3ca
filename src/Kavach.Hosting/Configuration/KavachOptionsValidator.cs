using Kavach.Hosting.Composition;
using Kavach.Hosting.Text;

namespace Kavach.Hosting.Configuration;

/// <summary>
/// Checks the <c>Kavach</c> section when the host starts: names that select an implementation, required values,
/// and everything the store, vault and bindings refuse to be built from. Each failure names its setting.
/// </summary>
internal sealed class KavachOptionsValidator : IValidateOptions<KavachOptions>
{
    public ValidateOptionsResult Validate(string? name, KavachOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Kavach:DataDir: must name a directory");
        }

        Check(failures, () => KavachSettings.Store(options));
        Check(failures, () => KavachSettings.Vault(options));
        Check(failures, () => KavachSettings.Keys(options));
        if (options.Vault.HealthCheckSeconds < 0)
        {
            failures.Add("Kavach:Vault:HealthCheckSeconds: must be 0 (off) or more");
        }

        if (options.ZeroKnowledge.PoolSize < 0)
        {
            failures.Add("Kavach:ZeroKnowledge:PoolSize: must be 0 or more");
        }

        if (options.Audit.CheckpointEveryRecords < 1 || options.Audit.MaxBatch < 1 || options.Audit.AppendTimeoutSeconds < 1)
        {
            failures.Add("Kavach:Audit: CheckpointEveryRecords, MaxBatch and AppendTimeoutSeconds must be at least 1");
        }

        var channel = options.PartnerChannel;
        if (channel.TlsCertificateDays < 1 || channel.CaValidityDays <= channel.TlsCertificateDays)
        {
            failures.Add("Kavach:PartnerChannel: TlsCertificateDays must be at least 1 and CaValidityDays longer than it");
        }

        var issuer = options.Security.LocalIssuer;
        if (issuer.MaxLifetime <= TimeSpan.Zero)
        {
            failures.Add("Kavach:Security:LocalIssuer:MaxLifetime: must be longer than 0 seconds");
        }

        if (issuer.Enabled && issuer.WriteAdminToken && (issuer.AdminTokenLifetime <= TimeSpan.Zero || issuer.AdminTokenLifetime > issuer.MaxLifetime))
        {
            failures.Add(
                $"Kavach:Security:LocalIssuer:AdminTokenLifetime: must be longer than 0 seconds and at most MaxLifetime " +
                $"({Durations.Format(issuer.MaxLifetime)}); it is {Durations.Format(issuer.AdminTokenLifetime)}");
        }

        ConsoleSettings.Validate(options.Console, failures);
        if (options.Telemetry.KeyInventorySeconds < 1 || options.Telemetry.DatabaseProbeSeconds < 1)
        {
            failures.Add("Kavach:Telemetry: KeyInventorySeconds and DatabaseProbeSeconds must be at least 1");
        }

        if (options.Telemetry.OtlpEndpoint is { Length: > 0 } otlp && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
        {
            failures.Add("Kavach:Telemetry:OtlpEndpoint: must be an absolute URL such as http://otel-collector:4317");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, Action build)
    {
        try
        {
            build();
        }
        catch (KavachConfigurationException e)
        {
            failures.Add(e.Message);
        }
    }
}
