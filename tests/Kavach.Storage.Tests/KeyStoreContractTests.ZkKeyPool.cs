using System.Globalization;
using System.Security.Cryptography;
using Kavach.Keys.ZeroKnowledge;

namespace Kavach.Storage.Tests;

/// <summary>The zero-knowledge pool's insert at given indexes (key migration): which indexes were written, and by whom.</summary>
public abstract partial class KeyStoreContractTests
{
    [Fact]
    public async Task Pool_keys_inserted_at_indexes_report_the_indexes_written_and_keep_existing_ones()
    {
        var pool = (IZkKeyPoolStore)Store;

        // The tests of a class share the database: indexes of this test's own.
        var first = 1_000_000L + RandomNumberGenerator.GetInt32(1_000_000_000);
        var existing = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(1, await pool.InsertKeysAsync([(first, existing)], Ct));

        var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var inserted = await pool.InsertKeysAtAsync([(first, fresh), (first + 1, fresh), (first + 2, fresh)], "System-Migrator", Ct);

        Assert.Equal([first + 1, first + 2], inserted.Order());
        Assert.Equal(existing, await pool.GetWrappedKeyAsync(first, Ct));
        Assert.Equal(fresh, await pool.GetWrappedKeyAsync(first + 2, Ct));
        Assert.Contains(first + 1, await pool.GetActiveKeyIdsAsync(Ct));
        var rows = await QueryAsync($"SELECT cr_by FROM {Table("data_encrypt_keystore")} WHERE id = {(first + 1).ToString(CultureInfo.InvariantCulture)} OR id = {first.ToString(CultureInfo.InvariantCulture)} ORDER BY id");
        Assert.Equal(["SYSTEM", "System-Migrator"], rows.Select(r => (string)r[0]!));
        Assert.Empty(await pool.InsertKeysAtAsync([(first + 2, existing)], "System-Migrator", Ct));
    }
}
