using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kavach.DeviceAgent.Keys;

namespace Kavach.DeviceAgent.Fleet;

/// <summary>
/// A memory key store that makes a large fleet's keys without one RSA key generation per key: simulated FTM chip keys
/// come from a small pool of pre-made keys (each chip still gets its own certificate, its serial), and device keys,
/// when <see cref="PrimePairKeys"/> are given, are distinct keys built from pairs of pre-made primes (the server
/// refuses a device key it has seen before, and sees none twice). Without a pool a key is generated as in a device.
/// </summary>
internal sealed class FleetKeyStore : IDeviceKeyStore, IDisposable
{
    private readonly SoftwareKeyStore _inner;
    private readonly byte[][] _chipPool;
    private readonly PrimePairKeys? _deviceKeys;
    private readonly ConcurrentDictionary<string, byte[]> _chips = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _devices = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>A store over <paramref name="inner"/> with <paramref name="chipPoolSize"/> pooled chip keys (0: none) and <paramref name="deviceKeys"/> (null: generated).</summary>
    public FleetKeyStore(SoftwareKeyStore inner, int chipPoolSize, PrimePairKeys? deviceKeys)
    {
        _inner = inner;
        _deviceKeys = deviceKeys;
        _chipPool = new byte[chipPoolSize][];
        Parallel.For(0, chipPoolSize, i =>
        {
            using var key = RSA.Create(2048);
            _chipPool[i] = key.ExportPkcs8PrivateKey();
        });
    }

    public string Kind => _inner.Kind;

    public bool IsHardware => false;

    public Task<RSA> CreateAsync(string label, CancellationToken cancellationToken)
    {
        if (IsChip(label) && _chipPool.Length > 0)
        {
            var pkcs8 = _chipPool[(int)((uint)Interlocked.Increment(ref _next) % (uint)_chipPool.Length)];
            if (!_chips.TryAdd(label, pkcs8))
            {
                throw new InvalidOperationException($"A key labelled {label} already exists.");
            }

            return Task.FromResult(Import(pkcs8));
        }

        if (!IsChip(label) && _deviceKeys?.Next() is { } made)
        {
            if (!_devices.TryAdd(label, made))
            {
                CryptographicOperations.ZeroMemory(made);
                throw new InvalidOperationException($"A key labelled {label} already exists.");
            }

            return Task.FromResult(Import(made));
        }

        return _inner.CreateAsync(label, cancellationToken);
    }

    public Task<RSA?> OpenAsync(string label, CancellationToken cancellationToken) =>
        _chips.TryGetValue(label, out var chip) ? Task.FromResult<RSA?>(Import(chip))
        : _devices.TryGetValue(label, out var device) ? Task.FromResult<RSA?>(Import(device))
        : _inner.OpenAsync(label, cancellationToken);

    public Task DestroyAsync(string label, CancellationToken cancellationToken)
    {
        // Pooled chip keys are shared: forgetting the label is all a chip's destruction can do here.
        _chips.TryRemove(label, out _);
        if (_devices.TryRemove(label, out var device))
        {
            CryptographicOperations.ZeroMemory(device);
        }

        return _inner.DestroyAsync(label, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var key in _chipPool)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        foreach (var key in _devices.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        _deviceKeys?.Dispose();
    }

    private static bool IsChip(string label) => label.EndsWith("-ftm", StringComparison.Ordinal);

    private static RSA Import(byte[] pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }
}
