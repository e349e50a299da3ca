using Kavach.Testing;
using Kavach.Keys.Storage;

namespace Kavach.Storage.Tests;

/// <summary>Reading and writing aliases and database-held keys.</summary>
public abstract partial class KeyStoreContractTests
{
    [Fact]
    public async Task Inserted_alias_and_stored_key_read_back_equal()
    {
        var appId = NewAppId();
        var alias = NewAlias(appId, "REF1", Utc(2025, 1, 15, 10));
        var key = new StoredKey(alias.Id, "master-alias", "wrapped-private-key", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");

        await using (var scope = await Store.BeginWriteAsync(appId, "REF1", Ct))
        {
            await scope.InsertAliasAsync(alias, Ct);
            await scope.InsertStoredKeyAsync(key, Ct);

            // Visible inside the transaction before commit.
            Assert.Equal([alias], await scope.GetAliasesAsync(Ct));
            Assert.Equal(key, await scope.GetStoredKeyAsync(alias.Id, Ct));
            await scope.CommitAsync(Ct);
        }

        Assert.Equal([alias], await Store.GetAliasesAsync(appId, "REF1", Ct));
        Assert.Equal(alias, await Store.GetAliasAsync(alias.Id, Ct));
        Assert.Equal(key, await Store.GetStoredKeyAsync(alias.Id, Ct));
        Assert.Empty(await Store.GetAliasesAsync(appId, "OTHER", Ct));
    }

    [Fact]
    public async Task Insert_stamps_cr_columns_from_the_clock_and_leaves_upd_empty()
    {
        var alias = NewAlias(NewAppId(), "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(alias);

        var audit = await ReadAuditAsync("key_alias", "id", alias.Id);

        Assert.Equal(new AuditRow("SYSTEM", TruncatedToMicroseconds(Start.UtcDateTime), null, null, false), audit);
    }

    [Fact]
    public async Task Missing_rows_read_as_null()
    {
        Assert.Null(await Store.GetAliasAsync(Guid.NewGuid().ToString(), Ct));
        Assert.Null(await Store.GetStoredKeyAsync(Guid.NewGuid().ToString(), Ct));
        Assert.Empty(await Store.FindAliasesByThumbprintAsync(RandomHex(32), Ct));
    }

    [Fact]
    public async Task Timestamps_come_back_as_UTC_truncated_to_microseconds()
    {
        var appId = NewAppId();
        var generated = Utc(2025, 3, 1, 12).AddTicks(9_999_999); // 0.9999999 s: truncation must not round up
        var alias = NewAlias(appId, "REF", generated) with { ExpiresAt = DateTime.SpecifyKind(Utc(2027, 3, 1).AddTicks(15), DateTimeKind.Unspecified) };
        await InsertCommittedAsync(alias);

        var read = Assert.Single(await Store.GetAliasesAsync(appId, "REF", Ct));

        Assert.Equal(DateTimeKind.Utc, read.GeneratedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, read.ExpiresAt.Kind);
        Assert.Equal(Utc(2025, 3, 1, 12).AddTicks(9_999_990), read.GeneratedAt);
        Assert.Equal(Utc(2027, 3, 1).AddTicks(10), read.ExpiresAt);
    }

    [Fact]
    public async Task Aliases_are_ordered_by_generation_time_then_id()
    {
        var appId = NewAppId();
        var prefix = RandomHex(4);
        var latest = NewAlias(appId, "REF", Utc(2026, 1, 1), id: prefix + "-a");
        var tiedB = NewAlias(appId, "REF", Utc(2025, 6, 1), id: prefix + "-B");
        var tiedA = NewAlias(appId, "REF", Utc(2025, 6, 1), id: prefix + "-A");
        var tiedLower = NewAlias(appId, "REF", Utc(2025, 6, 1), id: prefix + "-b");
        var oldest = NewAlias(appId, "REF", Utc(2024, 1, 1).AddTicks(10), id: prefix + "-z");
        await InsertCommittedAsync(latest, tiedB, tiedLower, oldest, tiedA);

        var aliases = await Store.GetAliasesAsync(appId, "REF", Ct);

        // Ties on time break on the id's bytes ('A' < 'B' < 'b'), whatever the database's collation.
        Assert.Equal([oldest.Id, tiedA.Id, tiedB.Id, tiedLower.Id, latest.Id], aliases.Select(a => a.Id));
        await using var scope = await Store.BeginWriteAsync(appId, "REF", Ct);
        Assert.Equal(aliases, await scope.GetAliasesAsync(Ct));
    }

    [Fact]
    public async Task Aliases_are_found_by_thumbprint_in_upper_case()
    {
        var appId = NewAppId();
        var first = NewAlias(appId, "REF", Utc(2025, 1, 1));
        var other = NewAlias(appId, "REF", Utc(2025, 2, 1));
        var sameThumbprint = NewAlias(NewAppId(), "X", Utc(2024, 1, 1)) with { CertThumbprint = first.CertThumbprint };
        await InsertCommittedAsync(first, other, sameThumbprint);

        var found = await Store.FindAliasesByThumbprintAsync(first.CertThumbprint!, Ct);
        var foundFromLowerCase = await Store.FindAliasesByThumbprintAsync(first.CertThumbprint!.ToLowerInvariant(), Ct);

        Assert.Equal([sameThumbprint, first], found);
        Assert.Equal(found, foundFromLowerCase);
    }

    [Fact]
    public async Task All_aliases_are_every_key_by_application_reference_and_age()
    {
        var appA = NewAppId();
        var appB = NewAppId();
        var master = NewAlias(appA, string.Empty, Utc(2025, 1, 1));
        var baseOld = NewAlias(appA, "BASE_REF", Utc(2024, 1, 1));
        var baseNew = NewAlias(appA, "BASE_REF", Utc(2025, 6, 1));
        var symmetric = NewAlias(appB, "ZK", Utc(2025, 5, 1)) with { CertThumbprint = null, UniqueIdentifier = null };
        await InsertCommittedAsync(baseNew, symmetric, master, baseOld);

        var all = (await Store.GetAllAliasesAsync(Ct)).Where(a => a.AppId == appA || a.AppId == appB).ToList();

        Assert.Equal(new[] { master, baseOld, baseNew, symmetric }.OrderBy(a => a.AppId, StringComparer.Ordinal).ThenBy(a => a.RefId, StringComparer.Ordinal).ThenBy(a => a.GeneratedAt), all);
    }

    [Fact]
    public async Task Master_aliases_are_those_with_an_empty_reference_across_applications()
    {
        var appA = NewAppId();
        var appB = NewAppId();
        var masterA = NewAlias(appA, string.Empty, Utc(2025, 1, 1));
        var masterA2 = NewAlias(appA, string.Empty, Utc(2026, 1, 1));
        var masterB = NewAlias(appB, string.Empty, Utc(2024, 1, 1));
        var baseKey = NewAlias(appA, "BASE_REF", Utc(2025, 1, 1));
        var symmetric = NewAlias(appB, string.Empty, Utc(2025, 5, 1)) with { CertThumbprint = null, UniqueIdentifier = null };
        await InsertCommittedAsync(masterA, masterA2, masterB, baseKey, symmetric);

        var masters = (await Store.GetMasterAliasesAsync(Ct)).Where(a => a.AppId == appA || a.AppId == appB).ToList();

        Assert.Equal(4, masters.Count);
        Assert.DoesNotContain(baseKey, masters);
        Assert.Equal(
            new[] { masterA, masterA2 }.OrderBy(a => a.GeneratedAt),
            masters.Where(a => a.AppId == appA));
        Assert.Equal(
            new[] { masterB, symmetric }.OrderBy(a => a.GeneratedAt),
            masters.Where(a => a.AppId == appB));
        Assert.Equal(new[] { masterA, masterA2 }, await Store.GetAliasesAsync(appA, string.Empty, Ct));
    }

    [Fact]
    public async Task Expiry_update_sets_upd_columns_and_keeps_cr_columns()
    {
        var appId = NewAppId();
        var alias = NewAlias(appId, "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(alias);
        Time.Advance(TimeSpan.FromDays(3));
        var revokedAt = Time.GetUtcNow().UtcDateTime.AddMinutes(-1);

        await using (var scope = await Store.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.SetExpiryAsync(alias.Id, revokedAt, Ct);
            await scope.CommitAsync(Ct);
        }

        Assert.Equal(alias with { ExpiresAt = TruncatedToMicroseconds(revokedAt) }, await Store.GetAliasAsync(alias.Id, Ct));
        var audit = await ReadAuditAsync("key_alias", "id", alias.Id);
        Assert.Equal(
            new AuditRow("SYSTEM", TruncatedToMicroseconds(Start.UtcDateTime), "SYSTEM", TruncatedToMicroseconds(Time.GetUtcNow().UtcDateTime), false),
            audit);
    }

    [Fact]
    public async Task Certificate_update_replaces_validity_thumbprint_and_identifier_and_stamps_upd_only()
    {
        var appId = NewAppId();
        var alias = NewAlias(appId, "REF", Utc(2025, 1, 1));
        var key = new StoredKey(alias.Id, "master", "wrapped", "old pem");
        await using (var scope = await Store.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.InsertAliasAsync(alias, Ct);
            await scope.InsertStoredKeyAsync(key, Ct);
            await scope.CommitAsync(Ct);
        }

        Time.Advance(TimeSpan.FromDays(10));
        var updatedAt = Time.GetUtcNow().UtcDateTime;
        var thumbprint = RandomHex(32);
        var uniqueIdentifier = RandomHex(20);
        await using (var scope = await Store.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.UpdateAliasCertificateAsync(alias.Id, Utc(2025, 2, 1), Utc(2027, 2, 1), thumbprint, uniqueIdentifier, Ct);
            await scope.UpdateStoredCertificateAsync(alias.Id, "new pem", Ct);
            await scope.CommitAsync(Ct);
        }

        Assert.Equal(
            new KeyAlias(alias.Id, appId, "REF", Utc(2025, 2, 1), Utc(2027, 2, 1), thumbprint, uniqueIdentifier),
            await Store.GetAliasAsync(alias.Id, Ct));
        Assert.Equal(key with { CertificatePem = "new pem" }, await Store.GetStoredKeyAsync(alias.Id, Ct));
        var expected = new AuditRow("SYSTEM", TruncatedToMicroseconds(Start.UtcDateTime), "SYSTEM", TruncatedToMicroseconds(updatedAt), false);
        Assert.Equal(expected, await ReadAuditAsync("key_alias", "id", alias.Id));
        Assert.Equal(expected, await ReadAuditAsync("key_store", "id", alias.Id));
    }

    [Fact]
    public async Task Updating_a_missing_row_throws()
    {
        var appId = NewAppId();
        await using var scope = await Store.BeginWriteAsync(appId, "REF", Ct);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => scope.SetExpiryAsync(Guid.NewGuid().ToString(), Utc(2025, 1, 1), Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => scope.UpdateStoredCertificateAsync(Guid.NewGuid().ToString(), "pem", Ct));
    }
}
