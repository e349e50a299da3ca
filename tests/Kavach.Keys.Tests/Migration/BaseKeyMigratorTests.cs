using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Migration;
using Kavach.Keys.Storage;
using Kavach.Keys.Tests.Support;
using Kavach.Keys.Wrapping;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Keys.Tests.Migration;

/// <summary>Base-key migration between two key managers' services, for the key kinds the database holds.</summary>
public sealed class BaseKeyMigratorTests
{
    [Fact]
    public async Task An_Ed25519_signing_key_moves_and_is_the_one_the_target_signs_with()
    {
        using var source = new KeyServices();
        using var target = new KeyServices();
        await source.BootstrapAsync();
        var targetMaster = await target.BootstrapAsync();
        var made = KeyServices.Ok(await source.Ring.Generator.GenerateAsync(KeyServices.App, KeyIds.Ed25519Sign, SubjectRequest.Empty, force: false, KeyServices.Ct));

        var stored = (await source.Store.GetStoredKeyAsync(made.Alias.Id, KeyServices.Ct))!;
        var pkcs8 = BaseKeyWrapper.TryUnwrap(stored.WrappedPrivateKey, source.Vault, stored.MasterKeyAlias)!;
        using var masterPublic = targetMaster.Certificate.GetRSAPublicKey()!;
        var request = new BaseKeyMigrationRequest(
            KeyServices.App, KeyIds.Ed25519Sign, BaseKeyWrapper.Wrap(pkcs8, masterPublic), stored.CertificatePem, made.Alias.GeneratedAt, made.Alias.ExpiresAt);
        var migrator = new BaseKeyMigrator(target.Ring, target.Store, target.Vault, NullLogger<BaseKeyMigrator>.Instance);

        Assert.Equal(KeyMigrationStatus.Success, KeyServices.Ok(await migrator.MigrateAsync(request, KeyServices.Ct)));
        var signing = KeyServices.Ok(await target.SigningKeys.GetAsync(KeyServices.App, KeyIds.Ed25519Sign, KeyServices.Ct));
        Assert.Equal(made.Certificate.RawData, signing.Certificate.RawData);
        using var loaded = KeyServices.Ok(await target.Loader.LoadAsync(signing.Key.Alias, KeyServices.Ct));
        Assert.NotNull(loaded.Ed25519);

        // The row is MOSIP's: master_key = the target module key, uni_ident from the date of notBefore.
        var row = (await target.Store.GetStoredKeyAsync(signing.Key.Alias.Id, KeyServices.Ct))!;
        Assert.Equal(targetMaster.Alias.Id, row.MasterKeyAlias);
        Assert.Equal(UniqueIdentifiers.Compute(UniqueIdentifiers.GeneratedValue(KeyServices.App, KeyIds.Ed25519Sign, made.Alias.GeneratedAt)), signing.Key.Alias.UniqueIdentifier);

        Assert.Equal(KeyMigrationStatus.NotAllowed, KeyServices.Ok(await migrator.MigrateAsync(request, KeyServices.Ct)));
    }

    [Fact]
    public async Task An_expired_key_is_taken_beside_a_current_one_so_old_data_keeps_decrypting()
    {
        using var source = new KeyServices();
        using var target = new KeyServices();
        await source.BootstrapAsync();
        var targetMaster = await target.BootstrapAsync();
        var old = await source.BaseKeyAsync("R1");
        var current = await target.BaseKeyAsync("R1");

        // The old key's validity is over on the target's clock.
        target.Time.Advance(TimeSpan.FromDays(KeyServices.AppValidityDays + 1));
        var stored = (await source.Store.GetStoredKeyAsync(old.Alias.Id, KeyServices.Ct))!;
        var pkcs8 = BaseKeyWrapper.TryUnwrap(stored.WrappedPrivateKey, source.Vault, stored.MasterKeyAlias)!;
        // The job wraps for the module key current when it runs (the first one has expired too).
        var masterNow = KeyServices.Ok(await target.Ring.GetCurrentAsync(KeyServices.App, string.Empty, KeyServices.Ct));
        Assert.NotEqual(targetMaster.Alias.Id, masterNow.Alias.Id);
        using var masterPublic = masterNow.Certificate.GetRSAPublicKey()!;
        var migrator = new BaseKeyMigrator(target.Ring, target.Store, target.Vault, NullLogger<BaseKeyMigrator>.Instance);
        var fresh = await target.BaseKeyAsync("R1");
        Assert.NotEqual(current.Alias.Id, fresh.Alias.Id);

        var status = KeyServices.Ok(await migrator.MigrateAsync(
            new BaseKeyMigrationRequest(KeyServices.App, "R1", BaseKeyWrapper.Wrap(pkcs8, masterPublic), stored.CertificatePem, old.Alias.GeneratedAt, old.Alias.ExpiresAt), KeyServices.Ct));

        Assert.Equal(KeyMigrationStatus.Success, status);
        var aliases = await target.Store.GetAliasesAsync(KeyServices.App, "R1", KeyServices.Ct);
        Assert.Equal(3, aliases.Count);
        Assert.Equal(fresh.Alias.Id, (await target.BaseKeyAsync("R1")).Alias.Id);
        var migrated = aliases.Single(a => a.CertThumbprint == old.Alias.CertThumbprint);
        using var key = KeyServices.Ok(await target.Loader.LoadAsync(migrated, KeyServices.Ct));
        Assert.NotNull(key.Rsa);
    }
}
