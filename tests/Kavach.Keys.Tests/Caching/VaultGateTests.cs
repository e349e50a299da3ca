using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Caching;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Keys.Tests.Caching;

/// <summary>The private-key cache behind the vault health gate, with a fake vault and store that count every call.</summary>
public sealed class VaultGateTests
{
    private static readonly KeyAlias Alias = new("alias-1", "REGISTRATION", "ref", DateTime.UnixEpoch, DateTime.UnixEpoch.AddYears(100), "AB", "CD");

    [Fact]
    public async Task Vault_reported_down_no_private_key_is_handed_out_and_nothing_reaches_the_store_or_vault()
    {
        var vault = new FakeVault { Status = new VaultStatus(false, "token not present") };
        var store = new CountingStore();
        var gate = new VaultHealthGate();
        using var cache = new PrivateKeyCache(new StoredKeyLoader(store, vault, NullLogger<StoredKeyLoader>.Instance), gate);

        gate.Report(await vault.GetStatusAsync(CancellationToken.None));

        Assert.False(gate.IsOpen);
        var refused = await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => cache.AcquireAsync(Alias, CancellationToken.None));
        Assert.Contains("token not present", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Calls);
        Assert.Equal(0, vault.KeyCalls);
    }

    [Fact]
    public async Task The_vault_back_the_next_probe_opens_the_gate()
    {
        var vault = new FakeVault { Status = new VaultStatus(false, "token not present") };
        var store = new CountingStore();
        var gate = new VaultHealthGate();
        using var cache = new PrivateKeyCache(new StoredKeyLoader(store, vault, NullLogger<StoredKeyLoader>.Instance), gate);
        gate.Report(await vault.GetStatusAsync(CancellationToken.None));

        vault.Status = new VaultStatus(true, "ready");
        gate.Report(await vault.GetStatusAsync(CancellationToken.None));

        Assert.True(gate.IsOpen);
        var lookup = await cache.AcquireAsync(Alias, CancellationToken.None);
        Assert.False(lookup.IsSuccess); // the fake store has no such key: what matters is that the lookup ran
        Assert.Equal(1, store.Calls);
    }

    [Fact]
    public void A_failing_call_closes_once_and_asks_for_a_probe_a_probe_only_closes()
    {
        var gate = new VaultHealthGate();
        var closed = 0;
        var probes = 0;
        gate.Closed += () => closed++;
        gate.ProbeRequested += () => probes++;

        gate.Close("HSM pulled");
        gate.Close("a second failing call");
        Assert.Equal((1, 1), (closed, probes));
        Assert.Equal("HSM pulled", gate.Reason);

        gate.Report(new VaultStatus(false, "still away"));
        Assert.Equal((1, 1), (closed, probes));
        Assert.Equal("still away", gate.Reason);

        gate.Report(new VaultStatus(true, "back"));
        Assert.True(gate.IsOpen);

        // A probe that finds the vault gone closes the gate without asking for another probe.
        gate.Report(new VaultStatus(false, "gone again"));
        Assert.Equal((2, 1), (closed, probes));
    }

    private sealed class CountingStore : IKeyStore
    {
        public int Calls;

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Count(true);

        public Task<IReadOnlyList<KeyPolicy>> GetPoliciesAsync(CancellationToken cancellationToken) => Count<IReadOnlyList<KeyPolicy>>([]);

        public Task UpsertPolicyAsync(KeyPolicy policy, CancellationToken cancellationToken) => Count(0);

        public Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(string appId, string refId, CancellationToken cancellationToken) => Count<IReadOnlyList<KeyAlias>>([]);

        public Task<IReadOnlyList<KeyAlias>> GetMasterAliasesAsync(CancellationToken cancellationToken) => Count<IReadOnlyList<KeyAlias>>([]);

        public Task<IReadOnlyList<KeyAlias>> GetAllAliasesAsync(CancellationToken cancellationToken) => Count<IReadOnlyList<KeyAlias>>([]);

        public Task<KeyAlias?> GetAliasAsync(string id, CancellationToken cancellationToken) => Count<KeyAlias?>(null);

        public Task<IReadOnlyList<KeyAlias>> FindAliasesByThumbprintAsync(string thumbprintHex, CancellationToken cancellationToken) => Count<IReadOnlyList<KeyAlias>>([]);

        public Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken) => Count<StoredKey?>(null);

        public Task<long> CountBaseKeysCreatedByAsync(string appId, string createdBy, CancellationToken cancellationToken) => Count(0L);

        public Task<IKeyStoreWriteScope> BeginWriteAsync(string appId, string refId, CancellationToken cancellationToken) => throw new NotSupportedException();

        private Task<T> Count<T>(T value)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(value);
        }
    }

    private sealed class FakeVault : IKeyVault
    {
        public int KeyCalls;

        public VaultStatus Status { get; set; } = new(true, "ready");

        public string Kind => "FAKE";

        public Task<VaultStatus> GetStatusAsync(CancellationToken cancellationToken) => Task.FromResult(Status);

        public Task<X509Certificate2> CreateKeyPairAsync(string alias, VaultKeyType type, CertificateIssuer issue, CancellationToken cancellationToken) => throw Used();

        public Task ReplaceCertificateAsync(string alias, X509Certificate2 certificate, CancellationToken cancellationToken) => throw Used();

        public Task<X509Certificate2?> GetCertificateAsync(string alias, CancellationToken cancellationToken) => throw Used();

        public Task CreateSecretKeyAsync(string alias, CancellationToken cancellationToken) => throw Used();

        public Task<bool> ContainsAsync(string alias, CancellationToken cancellationToken) => throw Used();

        public Task DeleteAsync(string alias, CancellationToken cancellationToken) => throw Used();

        public byte[] SignData(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm) => throw Used();

        public X509Certificate2 IssueCertificate(string issuerAlias, CertificateToIssue certificate) => throw Used();

        public byte[] IssueCrl(string issuerAlias, CrlToIssue crl) => throw Used();

        public byte[] CreateSigningRequest(string alias, CertificateRequest request) => throw Used();

        public byte[] EncryptAesEcb(string alias, ReadOnlySpan<byte> data) => throw Used();

        public byte[] DecryptAesEcb(string alias, ReadOnlySpan<byte> data) => throw Used();

        public byte[] DecryptOaepSha256(string alias, ReadOnlySpan<byte> ciphertext) => throw Used();

        public void Dispose()
        {
        }

        private InvalidOperationException Used()
        {
            Interlocked.Increment(ref KeyCalls);
            return new InvalidOperationException("the fake vault's keys were used");
        }
    }
}
