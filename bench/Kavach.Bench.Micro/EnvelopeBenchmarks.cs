using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Kavach.Crypto;
using Kavach.Crypto.Envelope;

namespace Kavach.Bench.Micro;

/// <summary>
/// MOSIP's hybrid envelope (/encrypt, /decrypt) for 1 KiB of data: the whole encode and decode, and their parts,
/// so the RSA share of a request is visible next to the envelope and base64 work around it.
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private RSA _publicKey = null!;
    private RSA _privateKey = null!;
    private byte[] _thumbprint = null!;
    private byte[] _data = null!;
    private byte[] _envelope = null!;
    private string _envelopeText = null!;
    private byte[] _sessionKey = null!;
    private byte[] _encryptedKey = null!;
    private byte[] _dataPart = null!;

    [Params(1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _privateKey = Fixtures.Rsa;
        _publicKey = Fixtures.RsaCertificate.GetRSAPublicKey()!;
        _thumbprint = SHA256.HashData(Fixtures.RsaCertificate.RawData);
        _data = Fixtures.Random(Size);
        _envelope = MosipEnvelope.Encrypt(_publicKey, _thumbprint, _data, [], []);
        _envelopeText = Base64Url.Encode(_envelope);
        MosipEnvelope.TrySplit(_envelope, out var parts);
        _encryptedKey = _envelope[parts.EncryptedKey];
        _dataPart = _envelope[parts.Data];
        MosipEnvelope.TryUnwrapSessionKey(_privateKey, _encryptedKey, out _sessionKey);
    }

    /// <summary>All of /encrypt's crypto: session key, RSA-OAEP wrap (public), AES-GCM, layout.</summary>
    [Benchmark]
    public byte[] Encode() => MosipEnvelope.Encrypt(_publicKey, _thumbprint, _data, [], []);

    /// <summary>Encode plus the base64url of the response.</summary>
    [Benchmark]
    public string EncodeAndBase64() => Base64Url.Encode(MosipEnvelope.Encrypt(_publicKey, _thumbprint, _data, [], []));

    /// <summary>All of /decrypt's crypto with the private key at hand: split, RSA-OAEP unwrap (private), AES-GCM.</summary>
    [Benchmark]
    public bool Decode() => MosipEnvelope.TryDecrypt(_envelope, Unwrap, [], [], out _);

    /// <summary>Decode from the base64url request text.</summary>
    [Benchmark]
    public bool Base64AndDecode() => Base64Url.TryDecodeLenient(_envelopeText, out var bytes) && MosipEnvelope.TryDecrypt(bytes, Unwrap, [], [], out _);

    /// <summary>Only the RSA-OAEP-SHA256 private operation (the physical limit of /decrypt).</summary>
    [Benchmark]
    public bool UnwrapSessionKey() => MosipEnvelope.TryUnwrapSessionKey(_privateKey, _encryptedKey, out _);

    /// <summary>Everything of Decode but the RSA operation.</summary>
    [Benchmark]
    public bool DecodeWithoutRsa() =>
        MosipEnvelope.TrySplit(_envelope, out var parts)
        && MosipEnvelope.TryDecryptData(_sessionKey, _envelope.AsSpan(parts.Data), parts.IsV2, [], [], out _);

    /// <summary>Split only (searches #KEY_SPLITTER#).</summary>
    [Benchmark]
    public bool Split() => MosipEnvelope.TrySplit(_envelope, out _);

    /// <summary>The data-part decryption of a V2 envelope (12-byte nonce, 32-byte AAD).</summary>
    [Benchmark]
    public bool DecryptDataPart() => MosipEnvelope.TryDecryptData(_sessionKey, _dataPart, isV2: true, [], [], out _);

    /// <summary>base64url encode of the envelope (response side of /encrypt).</summary>
    [Benchmark]
    public string Base64Encode() => Base64Url.Encode(_envelope);

    /// <summary>Lenient base64 decode of the envelope (request side of /decrypt).</summary>
    [Benchmark]
    public bool Base64Decode() => Base64Url.TryDecodeLenient(_envelopeText, out _);

    private byte[]? Unwrap(ReadOnlySpan<byte> thumbprint, ReadOnlySpan<byte> encryptedKey) =>
        MosipEnvelope.TryUnwrapSessionKey(_privateKey, encryptedKey, out var key) ? key : null;
}
