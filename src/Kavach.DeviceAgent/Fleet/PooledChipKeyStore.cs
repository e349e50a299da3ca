using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kavach.DeviceAgent.Keys;

namespace Kavach.DeviceAgent.Fleet;

/// <summary>
/// A memory key store whose simulated FTM chip keys come from a small pool of pre-made keys, so a large fleet is not
/// provisioned at the cost of one RSA key generation per chip. Each chip still gets its own certificate (its serial);
/// device keys are always made fresh, as the server refuses a device key it has seen before.
/// </summary>
internal sealed class PooledChipKeyStore : IDeviceKeyStore, IDisposable
{
    private readonly SoftwareKeyStore _inner;
    private readonly byte[][] _pool;
    private readonly ConcurrentDictionary<string, byte[]> _chips = new(StringComparer.Ordinal);
    private int _next;

    public PooledChipKeyStore(SoftwareKeyStore inner, int poolSize)
    {
        _inner = inner;
        _pool = new byte[poolSize][];
        Parallel.For(0, poolSize, i =>
        {
            using var key = RSA.Create(2048);
            _pool[i] = key.ExportPkcs8PrivateKey();
        });
    }

    public string Kind => _inner.Kind;

    public bool IsHardware => false;

    public Task<RSA> CreateAsync(string label, CancellationToken cancellationToken)
    {
        if (!IsChip(label))
        {
            return _inner.CreateAsync(label, cancellationToken);
        }

        var pkcs8 = _pool[(int)((uint)Interlocked.Increment(ref _next) % (uint)_pool.Length)];
        if (!_chips.TryAdd(label, pkcs8))
        {
            throw new InvalidOperationException($"A key labelled {label} already exists.");
        }

        return Task.FromResult(Import(pkcs8));
    }

    public Task<RSA?> OpenAsync(string label, CancellationToken cancellationToken) =>
        !IsChip(label) ? _inner.OpenAsync(label, cancellationToken)
        : Task.FromResult(_chips.TryGetValue(label, out var pkcs8) ? Import(pkcs8) : null);

    public Task DestroyAsync(string label, CancellationToken cancellationToken)
    {
        if (!IsChip(label))
        {
            return _inner.DestroyAsync(label, cancellationToken);
        }

        // Pooled keys are shared: forgetting the label is all a chip's destruction can do here.
        _chips.TryRemove(label, out _);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var key in _pool)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static bool IsChip(string label) => label.EndsWith("-ftm", StringComparison.Ordinal);

    private static RSA Import(byte[] pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }
}
