using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

public sealed class Ed25519PrivateKeyTests
{
    [Fact]
    public void Rfc8032_vectors_give_the_published_public_keys_and_signatures()
    {
        using (var key = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret1))
        {
            Assert.Equal(Rfc8032.Public1, key.PublicKeyRaw);
            Assert.Equal(Rfc8032.Signature1, key.Sign(Rfc8032.Message1));
        }

        using (var key = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret2))
        {
            Assert.Equal(Rfc8032.Public2, key.PublicKeyRaw);
            Assert.Equal(Rfc8032.Signature2, key.Sign(Rfc8032.Message2));
        }
    }

    [Fact]
    public void Pkcs8_export_and_import_round_trip()
    {
        using var original = Ed25519PrivateKey.Generate();
        byte[] pkcs8 = original.ExportPkcs8();

        using var imported = Ed25519PrivateKey.ImportPkcs8(pkcs8);

        Assert.Equal(original.PublicKeyRaw, imported.PublicKeyRaw);
        Assert.Equal(pkcs8, imported.ExportPkcs8());
        Assert.Equal(original.Sign("message"u8), imported.Sign("message"u8));
    }

    [Fact]
    public void Pkcs8_is_a_private_key_info_with_the_ed25519_oid_and_the_seed()
    {
        using var key = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret1);

        var info = Pkcs8PrivateKeyInfo.Decode(key.ExportPkcs8(), out int read, skipCopy: true);

        Assert.Equal(Ed25519.Oid, info.AlgorithmId.Value);
        Assert.Null(info.AlgorithmParameters);
        Assert.Equal(key.ExportPkcs8().Length, read);

        // RFC 8410: privateKey is an OCTET STRING wrapping the CurvePrivateKey OCTET STRING.
        byte[] expectedInner = [0x04, 0x20, .. Rfc8032.Secret1];
        Assert.Equal(expectedInner, info.PrivateKeyBytes.ToArray());
    }

    [Fact]
    public void Pkcs8_is_byte_identical_to_what_the_openssl_cli_writes()
    {
        using var key = Ed25519PrivateKey.Generate();
        using var directory = new TempDirectory();
        string input = directory.Write("key.der", key.ExportPkcs8());
        string output = directory.PathOf("openssl.der");
        string publicOut = directory.PathOf("openssl-pub.der");

        ToolResult rewrite = ExternalTool.OpenSsl("pkey", "-inform", "DER", "-in", input, "-outform", "DER", "-out", output);
        ToolResult publicKey = ExternalTool.OpenSsl("pkey", "-inform", "DER", "-in", input, "-pubout", "-outform", "DER", "-out", publicOut);
        ToolResult text = ExternalTool.OpenSsl("pkey", "-inform", "DER", "-in", input, "-noout", "-text");

        Assert.Equal(0, rewrite.ExitCode);
        Assert.Equal(0, publicKey.ExitCode);
        Assert.Contains("ED25519 Private-Key", text.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(key.ExportPkcs8(), File.ReadAllBytes(output));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), File.ReadAllBytes(publicOut));
    }

    [Fact]
    public void Pkcs8_spki_and_raw_public_key_match_python_cryptography()
    {
        const string script = """
            import sys
            from cryptography.hazmat.primitives import serialization as s
            key = s.load_der_private_key(bytes.fromhex(sys.argv[1]), None)
            print(key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption()).hex())
            print(key.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption()).hex())
            print(key.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo).hex())
            print(key.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw).hex())
            """;
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        using var key = Ed25519PrivateKey.ImportRawPrivateKey(seed);

        string[] lines = ExternalTool.Python(script, null, Bytes.Hex(key.ExportPkcs8())).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Bytes.Hex(seed), lines[0]);
        Assert.Equal(Bytes.Hex(key.ExportPkcs8()), lines[1]);
        Assert.Equal(Bytes.Hex(key.ExportSubjectPublicKeyInfo()), lines[2]);
        Assert.Equal(Bytes.Hex(key.PublicKeyRaw), lines[3]);
    }

    [Fact]
    public void Openssl_cli_verifies_our_signature_and_rejects_a_tampered_one()
    {
        using var key = Ed25519PrivateKey.Generate();
        byte[] message = RandomNumberGenerator.GetBytes(300);
        byte[] signature = key.Sign(message);
        byte[] tampered = (byte[])signature.Clone();
        tampered[10] ^= 0x04;
        using var directory = new TempDirectory();
        string publicKey = directory.Write("pub.der", key.ExportSubjectPublicKeyInfo());
        string data = directory.Write("data.bin", message);

        ToolResult good = Verify(publicKey, data, directory.Write("good.sig", signature));
        ToolResult bad = Verify(publicKey, data, directory.Write("bad.sig", tampered));

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("Signature Verified Successfully", good.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
    }

    [Fact]
    public void We_verify_what_the_openssl_cli_signs_with_our_exported_key()
    {
        using var key = Ed25519PrivateKey.Generate();
        byte[] message = RandomNumberGenerator.GetBytes(123);
        using var directory = new TempDirectory();
        string privateKey = directory.Write("key.der", key.ExportPkcs8());
        string data = directory.Write("data.bin", message);
        string signaturePath = directory.PathOf("sig.bin");

        ToolResult sign = ExternalTool.OpenSsl("pkeyutl", "-sign", "-inkey", privateKey, "-keyform", "DER", "-rawin", "-in", data, "-out", signaturePath);

        Assert.Equal(0, sign.ExitCode);
        byte[] signature = File.ReadAllBytes(signaturePath);
        Assert.True(Ed25519.Verify(key.PublicKeyRaw, message, signature));
        Assert.True(Ed25519.VerifySubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), message, signature));
        Assert.Equal(key.Sign(message), signature); // Ed25519 is deterministic.
    }

    public static TheoryData<string, byte[]> BadPkcs8()
    {
        using var good = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret1);
        byte[] pkcs8 = good.ExportPkcs8();

        // Same structure with the X25519 OID (1.3.101.110): a valid key, but not an Ed25519 one.
        byte[] x25519 = (byte[])pkcs8.Clone();
        int oid = pkcs8.AsSpan().IndexOf(new byte[] { 0x06, 0x03, 0x2B, 0x65, 0x70 });
        x25519[oid + 4] = 0x6E;

        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "garbage", RandomNumberGenerator.GetBytes(48) },
            { "truncated", pkcs8[..^1] },
            { "header only", pkcs8[..16] },
            { "trailing byte", [.. pkcs8, 0x00] },
            { "x25519", x25519 },
            { "rsa", rsa.ExportPkcs8PrivateKey() },
            { "ec p-256", ec.ExportPkcs8PrivateKey() },
            { "spki instead of pkcs8", good.ExportSubjectPublicKeyInfo() },
        };
    }

    [Theory]
    [MemberData(nameof(BadPkcs8))]
    public void Bad_pkcs8_throws_a_generic_cryptographic_exception(string description, byte[] input)
    {
        var error = Assert.Throws<CryptographicException>(() => Ed25519PrivateKey.ImportPkcs8(input));

        Assert.Equal("The Ed25519 private key is invalid.", error.Message);
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Raw_private_key_of_the_wrong_length_is_refused(int length)
    {
        Assert.Throws<CryptographicException>(() => Ed25519PrivateKey.ImportRawPrivateKey(new byte[length]));
    }

    [Fact]
    public void Generated_keys_are_distinct_and_their_signatures_verify()
    {
        using var first = Ed25519PrivateKey.Generate();
        using var second = Ed25519PrivateKey.Generate();

        Assert.NotEqual(first.PublicKeyRaw, second.PublicKeyRaw);
        byte[] signature = first.Sign("hello"u8);
        Assert.Equal(64, signature.Length);
        Assert.True(Ed25519.Verify(first.PublicKeyRaw, "hello"u8, signature));
        Assert.False(Ed25519.Verify(second.PublicKeyRaw, "hello"u8, signature));
    }

    [Fact]
    public void Public_key_property_returns_a_copy()
    {
        using var key = Ed25519PrivateKey.ImportRawPrivateKey(Rfc8032.Secret1);
        byte[] copy = key.PublicKeyRaw;
        copy[0] ^= 0xFF;

        Assert.Equal(Rfc8032.Public1, key.PublicKeyRaw);
    }

    [Fact]
    public void A_disposed_key_cannot_be_used()
    {
        var key = Ed25519PrivateKey.Generate();
        key.Dispose();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Sign("x"u8));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPkcs8());
        Assert.Throws<ObjectDisposedException>(() => key.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Signing_concurrently_with_one_key_is_safe()
    {
        using var key = Ed25519PrivateKey.Generate();
        byte[] publicKey = key.PublicKeyRaw;

        Parallel.For(0, 500, i =>
        {
            byte[] message = BitConverter.GetBytes(i);
            Assert.True(Ed25519.Verify(publicKey, message, key.Sign(message)));
        });
    }

    private static ToolResult Verify(string publicKey, string data, string signature) =>
        ExternalTool.OpenSsl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-keyform", "DER", "-rawin", "-in", data, "-sigfile", signature);
}
