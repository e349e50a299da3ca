using Kavach.Testing;
using Kavach.Storage.PostgreSql;

namespace Kavach.Storage.Tests.PostgreSql;

public sealed class PairLockKeyTests
{
    [Theory]
    [InlineData("KERNEL", "SIGN", 6975795113184574110L)]
    [InlineData("ROOT", "", -2233172631953876536L)]
    [InlineData("KERNEL", "", 7533755819890164538L)]
    public void Key_is_the_first_eight_bytes_of_SHA256_big_endian(string appId, string refId, long expected)
    {
        // Expected values from Python: struct.unpack('>q', hashlib.sha256(f"{app}\n{ref}".encode()).digest()[:8]).
        Assert.Equal(expected, PairLockKey.For(appId, refId));
    }

    [Fact]
    public void Different_pairs_get_different_keys()
    {
        Assert.NotEqual(PairLockKey.For("KERNEL", "SIGN"), PairLockKey.For("KERNELS", "IGN"));
        Assert.NotEqual(PairLockKey.For("A", "B"), PairLockKey.For("B", "A"));
    }
}
