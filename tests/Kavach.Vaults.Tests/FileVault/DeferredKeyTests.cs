using System.Security.Cryptography;

namespace Kavach.Vaults.Tests.FileVault;

/// <summary>The first-use decryption of one key, with the decryption replaced by the test: no PBKDF2 here.</summary>
public sealed class DeferredKeyTests
{
    [Fact]
    public void The_first_use_decrypts_later_uses_reuse_the_key()
    {
        var calls = 0;
        var deferred = new DeferredKey([1], []);

        var first = deferred.TryAcquire(_ => { calls++; return NewKey(); });
        var second = deferred.TryAcquire(_ => { calls++; return NewKey(); });

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, calls);
        Assert.True(deferred.IsLoaded);
        first.Release();
        second!.Release();
    }

    [Fact]
    public void A_damaged_bag_is_kept_as_damaged_and_never_as_a_key()
    {
        var calls = 0;
        var deferred = new DeferredKey([1], []);
        LoadedKey Damaged(DeferredKey _)
        {
            calls++;
            throw Pkcs12VaultCodec.Damaged(new InvalidDataException("mismatch"));
        }

        Assert.Throws<VaultOpenException>(() => deferred.TryAcquire(Damaged));
        var again = Assert.Throws<VaultOpenException>(() => deferred.TryAcquire(_ => NewKey()));

        Assert.Equal(1, calls);
        Assert.IsType<InvalidDataException>(again.InnerException);
        Assert.False(deferred.IsLoaded);
    }

    [Fact]
    public void Any_other_failure_is_not_kept_the_next_use_decrypts_again()
    {
        var deferred = new DeferredKey([1], []);

        Assert.Throws<ObjectDisposedException>(() => deferred.TryAcquire(_ => throw new ObjectDisposedException("vault")));
        var key = deferred.TryAcquire(_ => NewKey());

        Assert.NotNull(key);
        key.Release();
    }

    [Fact]
    public void A_key_retired_while_it_was_being_decrypted_is_disposed_and_not_handed_out()
    {
        var deferred = new DeferredKey([1], []);
        LoadedKey? produced = null;

        var leased = deferred.TryAcquire(self =>
        {
            produced = NewKey();
            self.Retire(); // a reload or delete publishing while the derivation runs
            return produced;
        });

        Assert.Null(leased);
        Assert.NotNull(produced);
        Assert.Throws<ObjectDisposedException>(() => produced.Ecdsa!.SignData([1], HashAlgorithmName.SHA256));
    }

    [Fact]
    public void A_retired_key_is_never_decrypted()
    {
        var deferred = new DeferredKey([1], []);
        deferred.Retire();

        Assert.Null(deferred.TryAcquire(_ => throw new InvalidOperationException("must not decrypt")));
    }

    [Fact]
    public void Retiring_a_leased_key_disposes_it_when_the_last_user_releases_it()
    {
        var deferred = new DeferredKey([1], []);
        var key = deferred.TryAcquire(_ => NewKey())!;

        deferred.Retire();
        var signature = key.Ecdsa!.SignData([1], HashAlgorithmName.SHA256);
        key.Release();

        Assert.NotEmpty(signature);
        Assert.Null(deferred.TryAcquire(_ => NewKey()));
        Assert.Throws<ObjectDisposedException>(() => key.Ecdsa!.SignData([1], HashAlgorithmName.SHA256));
    }

    private static LoadedKey NewKey() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));
}
