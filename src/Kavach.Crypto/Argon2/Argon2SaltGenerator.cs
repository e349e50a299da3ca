using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kavach.Crypto.Argon2;

/// <summary>
/// Makes Argon2 salts when the request has none, as MOSIP does: AES-GCM under a cached AES-128 key, with a random
/// 12-byte IV that is not kept, of an 8-byte big-endian counter; key and counter start afresh every refresh interval.
/// </summary>
/// <remarks>
/// Each salt is 24 bytes (8 of ciphertext, 16 of tag). The counter makes every salt under one key distinct; if the
/// encryption ever fails the salt is 32 random bytes instead, as in MOSIP. Thread-safe; register one per process.
/// </remarks>
public sealed class Argon2SaltGenerator : IDisposable
{
    /// <summary>Length of a generated salt.</summary>
    public const int SaltLength = 8 + AesGcmCipher.TagSize;

    /// <summary>Length of the random salt used when the encryption fails.</summary>
    public const int FallbackSaltLength = 32;

    private const int KeyLength = 16;
    private const int IvLength = 12;

    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly byte[] _key = new byte[KeyLength];
    private ulong _counter;
    private DateTimeOffset _refreshedAt;
    private long _generation;
    private bool _disposed;

    /// <summary>Creates a generator that refreshes its key and counter every 30 minutes (MOSIP's default).</summary>
    public Argon2SaltGenerator(TimeProvider timeProvider)
        : this(timeProvider, DefaultRefreshInterval)
    {
    }

    /// <summary>Creates a generator that refreshes its key and counter every <paramref name="refreshInterval"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    public Argon2SaltGenerator(TimeProvider timeProvider, TimeSpan refreshInterval)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refreshInterval, TimeSpan.Zero);
        _timeProvider = timeProvider;
        RefreshInterval = refreshInterval;
    }

    /// <summary>MOSIP's <c>mosip.keymanager.salt.params.cache.expire.inMins=30</c>.</summary>
    public static TimeSpan DefaultRefreshInterval { get; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one key and counter are used.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>How many keys this generator has made; lets tests see a refresh, since salts cannot be opened.</summary>
    internal long Generation
    {
        get
        {
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    /// <summary>Returns a fresh 24-byte salt (32 random bytes in the unlikely case the encryption fails).</summary>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public byte[] NextSalt()
    {
        Span<byte> counter = stackalloc byte[sizeof(ulong)];
        Span<byte> iv = stackalloc byte[IvLength];
        byte[] salt = new byte[SaltLength];

        // One short AES operation under the lock; Argon2 itself costs orders of magnitude more.
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            DateTimeOffset now = _timeProvider.GetUtcNow();

            // A clock that went backwards also refreshes: better a new key than one used for too long.
            if (_generation == 0 || now - _refreshedAt >= RefreshInterval || now < _refreshedAt)
            {
                Refresh(now);
            }

            _counter = unchecked(_counter + 1);
            BinaryPrimitives.WriteUInt64BigEndian(counter, _counter);
            RandomNumberGenerator.Fill(iv);
            try
            {
                AesGcmCipher.Encrypt(_key, iv, counter, ReadOnlySpan<byte>.Empty, salt);
                return salt;
            }
            catch (CryptographicException)
            {
                return RandomNumberGenerator.GetBytes(FallbackSaltLength);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            CryptographicOperations.ZeroMemory(_key);
            _disposed = true;
        }
    }

    private void Refresh(DateTimeOffset now)
    {
        RandomNumberGenerator.Fill(_key);
        Span<byte> start = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(start);
        _counter = BinaryPrimitives.ReadUInt64BigEndian(start);
        _refreshedAt = now;
        _generation++;
    }
}
