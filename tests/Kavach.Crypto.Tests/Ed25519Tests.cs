using System.Security.Cryptography;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

public sealed class Ed25519Tests
{
    [Fact]
    public void Rfc8032_signatures_verify()
    {
        Assert.True(Ed25519.Verify(Rfc8032.Public1, Rfc8032.Message1, Rfc8032.Signature1));
        Assert.True(Ed25519.Verify(Rfc8032.Public2, Rfc8032.Message2, Rfc8032.Signature2));
    }

    [Fact]
    public void Wrong_message_key_or_signature_fails()
    {
        Assert.False(Ed25519.Verify(Rfc8032.Public1, Rfc8032.Message2, Rfc8032.Signature1));
        Assert.False(Ed25519.Verify(Rfc8032.Public2, Rfc8032.Message1, Rfc8032.Signature1));
        Assert.False(Ed25519.Verify(Rfc8032.Public1, Rfc8032.Message1, Rfc8032.Signature2));
    }

    [Fact]
    public void Every_single_bit_flip_in_the_signature_or_key_fails()
    {
        for (int bit = 0; bit < 512; bit++)
        {
            byte[] signature = (byte[])Rfc8032.Signature2.Clone();
            signature[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Ed25519.Verify(Rfc8032.Public2, Rfc8032.Message2, signature), $"signature bit {bit}");
        }

        for (int bit = 0; bit < 256; bit++)
        {
            byte[] publicKey = (byte[])Rfc8032.Public2.Clone();
            publicKey[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Ed25519.Verify(publicKey, Rfc8032.Message2, Rfc8032.Signature2), $"key bit {bit}");
        }
    }

    [Fact]
    public void Wrong_lengths_fail_without_throwing()
    {
        Assert.False(Ed25519.Verify(Rfc8032.Public1.AsSpan(0, 31), Rfc8032.Message1, Rfc8032.Signature1));
        Assert.False(Ed25519.Verify([.. Rfc8032.Public1, 0], Rfc8032.Message1, Rfc8032.Signature1));
        Assert.False(Ed25519.Verify(Rfc8032.Public1, Rfc8032.Message1, Rfc8032.Signature1.AsSpan(0, 63)));
        Assert.False(Ed25519.Verify(Rfc8032.Public1, Rfc8032.Message1, [.. Rfc8032.Signature1, 0]));
        Assert.False(Ed25519.Verify([], [], []));
    }

    [Fact]
    public void Signatures_made_by_python_verify_by_raw_key_and_spki()
    {
        const string script = """
            import sys
            from cryptography.hazmat.primitives import serialization as s
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            key = Ed25519PrivateKey.generate()
            pub = key.public_key()
            print(pub.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw).hex())
            print(pub.public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo).hex())
            print(key.sign(bytes.fromhex(sys.argv[1])).hex())
            """;
        byte[] message = RandomNumberGenerator.GetBytes(200);

        string[] lines = ExternalTool.Python(script, null, Bytes.Hex(message)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        byte[] raw = Bytes.FromHex(lines[0]);
        byte[] spki = Bytes.FromHex(lines[1]);
        byte[] signature = Bytes.FromHex(lines[2]);

        Assert.True(Ed25519.Verify(raw, message, signature));
        Assert.True(Ed25519.VerifySubjectPublicKeyInfo(spki, message, signature));
        message[0] ^= 1;
        Assert.False(Ed25519.Verify(raw, message, signature));
        Assert.False(Ed25519.VerifySubjectPublicKeyInfo(spki, message, signature));
    }

    public static TheoryData<string, byte[]> BadSpki()
    {
        using var key = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret1);
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        using var rsa = RSA.Create(2048);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "raw key", Rfc8032.Public1 },
            { "truncated", spki[..^1] },
            { "trailing byte", [.. spki, 0x00] },
            { "garbage", RandomNumberGenerator.GetBytes(44) },
            { "rsa", rsa.ExportSubjectPublicKeyInfo() },
            { "pkcs8 instead of spki", key.ExportPkcs8() },
        };
    }

    [Theory]
    [MemberData(nameof(BadSpki))]
    public void Bad_spki_fails_without_throwing(string description, byte[] spki)
    {
        Assert.False(Ed25519.VerifySubjectPublicKeyInfo(spki, Rfc8032.Message1, Rfc8032.Signature1), description);
    }

    [Fact]
    public void Good_spki_verifies()
    {
        using var key = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret1);

        Assert.True(Ed25519.VerifySubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), Rfc8032.Message1, Rfc8032.Signature1));
        Assert.False(Ed25519.VerifySubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), Rfc8032.Message2, Rfc8032.Signature1));
    }
}
