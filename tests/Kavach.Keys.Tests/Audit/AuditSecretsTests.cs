using Kavach.Keys.Audit;
using Kavach.Keys.Tests.Support;

namespace Kavach.Keys.Tests.Audit;

/// <summary>The audit key is made on first use and found at once, whatever second the clock is in.</summary>
public sealed class AuditSecretsTests
{
    [Fact]
    public async Task The_audit_key_made_as_the_clock_crosses_a_second_is_found_at_once()
    {
        var services = new KeyServices();

        // Half a millisecond before a second boundary, the clock moving a millisecond per reading: the key is dated
        // (to the second) after the instant the secrets first read.
        services.Time.SetUtcNow(KeyServices.Start.AddDays(1).AddTicks(-TimeSpan.TicksPerMillisecond / 2));
        services.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        var secrets = new AuditSecrets(services.Store, services.Vault, services.Lifecycle, services.Time);

        var (aliasId, key) = await secrets.GetRecordKeyAsync(KeyServices.Ct);

        Assert.Equal(32, key.Length);
        var alias = await services.Store.GetAliasAsync(aliasId, KeyServices.Ct);
        Assert.NotNull(alias);
        Assert.Equal(AuditSecrets.ReferenceId, alias.RefId);
    }
}
