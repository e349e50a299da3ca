using Kavach.Keys.Storage;

namespace Kavach.Storage.Tests;

/// <summary>Who created a key (<c>key_alias.cr_by</c>) and the count the key-creation limit reads.</summary>
public abstract partial class KeyStoreContractTests
{
    [Fact]
    public async Task Keys_made_inside_a_creator_scope_carry_the_creator_and_are_counted_per_application()
    {
        var appId = NewAppId();
        var other = NewAppId();
        using (KeyCreator.Enter("resident-flooder"))
        {
            await InsertCommittedAsync(NewAlias(appId, "R1", Utc(2025, 1, 1)));
            await InsertCommittedAsync(NewAlias(appId, "R2", Utc(2025, 1, 1)));
            await InsertCommittedAsync(NewAlias(other, "R1", Utc(2025, 1, 1)));

            // A master key (reference id "") is not a base key.
            await InsertCommittedAsync(NewAlias(appId, string.Empty, Utc(2025, 1, 1)));
        }

        var outside = NewAlias(appId, "R3", Utc(2025, 1, 1));
        await InsertCommittedAsync(outside);

        Assert.Equal(2, await Store.CountBaseKeysCreatedByAsync(appId, "resident-flooder", Ct));
        Assert.Equal(1, await Store.CountBaseKeysCreatedByAsync(other, "resident-flooder", Ct));
        Assert.Equal(0, await Store.CountBaseKeysCreatedByAsync(appId, "someone-else", Ct));
        Assert.Equal(1, await Store.CountBaseKeysCreatedByAsync(appId, "SYSTEM", Ct));
        Assert.Equal("SYSTEM", (await ReadAuditAsync("key_alias", "id", outside.Id)).CreatedBy);
        Assert.Null(KeyCreator.Current);
    }
}
