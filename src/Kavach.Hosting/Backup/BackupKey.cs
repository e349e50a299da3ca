using System.Security.Cryptography;
using Kavach.Crypto.Argon2;

namespace Kavach.Hosting.Backup;

/// <summary>The AES-256-GCM key of one archive, derived with Argon2id from the passphrase and the header's salt; wiped on dispose.</summary>
internal sealed class BackupKey : IDisposable
{
    private readonly byte[] _key;

    private BackupKey(byte[] key, byte[] header)
    {
        _key = key;
        Header = header;
        Cipher = new AesGcm(_key, BackupHeader.TagLength);
    }

    public AesGcm Cipher { get; }

    /// <summary>The header bytes, authenticated with every chunk.</summary>
    public byte[] Header { get; }

    public static BackupKey Derive(BackupPassphrase passphrase, BackupHeader header)
    {
        var key = Argon2id.Hash(passphrase.Utf8, header.Salt, header.Kdf.Iterations, header.Kdf.MemoryKiB, header.Kdf.Parallelism, 32);
        return new BackupKey(key, header.ToBytes());
    }

    public void Dispose()
    {
        Cipher.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }
}
