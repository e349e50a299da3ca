using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Argon2;
using Kavach.Keys.Errors;

namespace Kavach.Keys.DataProtection;

/// <summary>
/// <c>/generateArgon2Hash</c> (spec §3.7): Argon2id with MOSIP's parameters. Each hash takes 64 MiB, so at most
/// <see cref="MaxConcurrentHashes"/> run at once (the rest wait) to keep memory bounded under load.
/// </summary>
public sealed class Argon2HashService : IDisposable
{
    /// <summary>Hashes computed at the same time.</summary>
    public const int MaxConcurrentHashes = 2;

    private readonly Argon2SaltGenerator _salts;
    private readonly SemaphoreSlim _gate = new(MaxConcurrentHashes, MaxConcurrentHashes);

    /// <summary>Creates the service.</summary>
    public Argon2HashService(TimeProvider time) => _salts = new Argon2SaltGenerator(time);

    /// <summary>The base64url hash of <paramref name="inputData"/> and the (given or generated) salt.</summary>
    public async Task<Result<(string Hash, string Salt)>> HashAsync(string inputData, string? salt, CancellationToken cancellationToken)
    {
        byte[] saltBytes;
        if (string.IsNullOrEmpty(salt))
        {
            saltBytes = _salts.NextSalt();
        }
        else if (!Base64Url.TryDecodeUrlSafe(salt, out saltBytes) || saltBytes.Length < Argon2id.MinSaltLength)
        {
            return ErrorCodes.NotBase64;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var hash = Argon2id.Hash(Encoding.UTF8.GetBytes(inputData), saltBytes, Argon2id.MosipIterations, Argon2id.MosipMemoryKiB, Argon2id.MosipParallelism);
            return (Base64Url.Encode(hash), Base64Url.Encode(saltBytes));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _salts.Dispose();
        _gate.Dispose();
    }
}
