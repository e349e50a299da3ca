using BenchmarkDotNet.Attributes;
using Kavach.Crypto;

namespace Kavach.Bench.Micro;

/// <summary>
/// AES-256-GCM through <see cref="AesGcmCipher"/>: a 12-byte IV takes .NET's AesGcm, a 16-byte IV (MOSIP's AAD mode and
/// wrapped keys) takes the OpenSSL EVP interop path. Same key, data and AAD; only the IV length differs.
/// </summary>
[MemoryDiagnoser]
public class GcmBenchmarks
{
    private byte[] _key = null!;
    private byte[] _iv = null!;
    private byte[] _aad = null!;
    private byte[] _plaintext = null!;
    private byte[] _ciphertext = null!;
    private byte[] _output = null!;
    private byte[] _decrypted = null!;

    [Params(12, 16)]
    public int IvLength { get; set; }

    [Params(1024, 16384)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = Fixtures.Random(32);
        _iv = Fixtures.Random(IvLength);
        _aad = Fixtures.Random(32);
        _plaintext = Fixtures.Random(Size);
        _ciphertext = AesGcmCipher.Encrypt(_key, _iv, _plaintext, _aad);
        _output = new byte[Size + AesGcmCipher.TagSize];
        _decrypted = new byte[Size];
    }

    /// <summary>Encrypt into a caller buffer.</summary>
    [Benchmark]
    public void Encrypt() => AesGcmCipher.Encrypt(_key, _iv, _plaintext, _aad, _output);

    /// <summary>Decrypt and authenticate into a caller buffer.</summary>
    [Benchmark]
    public bool Decrypt() => AesGcmCipher.TryDecrypt(_key, _iv, _ciphertext, _aad, _decrypted.AsSpan());

    /// <summary>Decrypt into a new array (what MosipEnvelope.TryDecryptData does).</summary>
    [Benchmark]
    public bool DecryptAllocating() => AesGcmCipher.TryDecrypt(_key, _iv, _ciphertext, _aad, out byte[] _);
}
