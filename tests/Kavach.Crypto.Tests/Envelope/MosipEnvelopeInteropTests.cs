using System.Security.Cryptography;
using Kavach.Crypto.Envelope;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>Our envelope codec against an independent Python implementation of spec §3.2, in both directions.</summary>
public sealed class MosipEnvelopeInteropTests
{
    private static readonly int[] DataLengths = [0, 1, 17, 1000, 70_000];

    [Fact]
    public void We_decrypt_what_python_encrypts_in_every_mode()
    {
        List<(EnvelopeCase Case, byte[] Data)> cases = Plaintexts(seed: 1);

        IReadOnlyList<PythonEnvelopeResult> results = PythonEnvelope.Run(
            cases.Select(c => PythonEnvelopeRequest.Encrypt(c.Data, c.Case.Salt, c.Case.Aad, c.Case.WithThumbprint)).ToList());

        using RSA privateKey = EnvelopeTestKeys.NewPrivateKey();
        for (int i = 0; i < cases.Count; i++)
        {
            (EnvelopeCase c, byte[] data) = cases[i];
            Assert.True(results[i].Ok, c.Name);
            byte[] envelope = Convert.FromHexString(results[i].Envelope!);

            Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts), c.Name);
            Assert.Equal(c.IsV2, parts.IsV2);
            Assert.Equal(c.WithThumbprint, parts.HasThumbprint);
            Assert.Equal(c.WithThumbprint ? EnvelopeTestKeys.Thumbprint : [], envelope.AsSpan(parts.Thumbprint).ToArray());
            Assert.Equal(MosipEnvelope.EncryptedKeyLength, envelope.AsSpan(parts.EncryptedKey).Length);

            Assert.True(MosipEnvelope.TryUnwrapSessionKey(privateKey, envelope.AsSpan(parts.EncryptedKey), out byte[] sessionKey), c.Name);
            Assert.Equal(MosipEnvelope.SessionKeyLength, sessionKey.Length);
            Assert.True(MosipEnvelope.TryDecryptData(sessionKey, envelope.AsSpan(parts.Data), parts.IsV2, c.Salt, c.Aad, out byte[] plaintext), c.Name);
            Assert.Equal(data, plaintext);

            Assert.True(MosipEnvelope.TryDecrypt(envelope, UnwrapWith(privateKey), c.Salt, c.Aad, out byte[] again), c.Name);
            Assert.Equal(data, again);
        }
    }

    [Fact]
    public void Python_decrypts_what_we_encrypt_in_every_mode()
    {
        List<(EnvelopeCase Case, byte[] Data)> cases = Plaintexts(seed: 2);
        using RSA publicKey = EnvelopeTestKeys.NewPublicKey();
        List<byte[]> envelopes = cases
            .Select(c => MosipEnvelope.Encrypt(publicKey, c.Case.WithThumbprint ? EnvelopeTestKeys.Thumbprint : [], c.Data, c.Case.Salt, c.Case.Aad))
            .ToList();

        IReadOnlyList<PythonEnvelopeResult> results = PythonEnvelope.Run(
            cases.Select((c, i) => PythonEnvelopeRequest.Decrypt(envelopes[i], c.Case.Salt, c.Case.Aad)).ToList());

        for (int i = 0; i < cases.Count; i++)
        {
            (EnvelopeCase c, byte[] data) = cases[i];
            Assert.True(results[i].Ok, c.Name);
            Assert.Equal(Bytes.Hex(data), results[i].Plaintext);
            Assert.Equal(c.WithThumbprint ? Bytes.Hex(EnvelopeTestKeys.Thumbprint) : string.Empty, results[i].Thumbprint);
            Assert.Equal(c.IsV2, results[i].V2);
        }
    }

    [Fact]
    public void Python_rejects_our_envelopes_when_tampered_or_given_the_wrong_aad()
    {
        // Guards the interop tests themselves: the Python side must be able to say no.
        using RSA publicKey = EnvelopeTestKeys.NewPublicKey();
        byte[] data = "MOSIP"u8.ToArray();
        byte[] aad = [1, 2, 3];
        byte[] v2 = MosipEnvelope.Encrypt(publicKey, EnvelopeTestKeys.Thumbprint, data, [], []);
        byte[] tampered = (byte[])v2.Clone();
        tampered[^1] ^= 0x01;
        byte[] withAad = MosipEnvelope.Encrypt(publicKey, EnvelopeTestKeys.Thumbprint, data, [], aad);

        IReadOnlyList<PythonEnvelopeResult> results = PythonEnvelope.Run(
        [
            PythonEnvelopeRequest.Decrypt(v2, [], []),
            PythonEnvelopeRequest.Decrypt(tampered, [], []),
            PythonEnvelopeRequest.Decrypt(withAad, [], [1, 2, 4]),
        ]);

        Assert.True(results[0].Ok);
        Assert.False(results[1].Ok);
        Assert.False(results[2].Ok);
    }

    [Fact]
    public void We_reject_python_envelopes_with_the_wrong_salt_or_aad()
    {
        byte[] data = "identity"u8.ToArray();
        byte[] salt = Enumerable.Range(1, 13).Select(i => (byte)i).ToArray();
        byte[] aad = [9, 9, 9];
        IReadOnlyList<PythonEnvelopeResult> results = PythonEnvelope.Run(
        [
            PythonEnvelopeRequest.Encrypt(data, salt, [], true),
            PythonEnvelopeRequest.Encrypt(data, [], aad, true),
        ]);
        byte[] salted = Convert.FromHexString(results[0].Envelope!);
        byte[] withAad = Convert.FromHexString(results[1].Envelope!);
        using RSA privateKey = EnvelopeTestKeys.NewPrivateKey();

        Assert.True(MosipEnvelope.TryDecrypt(salted, UnwrapWith(privateKey), salt, [], out _));
        Assert.False(MosipEnvelope.TryDecrypt(salted, UnwrapWith(privateKey), salt.AsSpan(..12), [], out byte[] none));
        Assert.Empty(none);
        Assert.False(MosipEnvelope.TryDecrypt(salted, UnwrapWith(privateKey), [], [], out _));
        Assert.True(MosipEnvelope.TryDecrypt(withAad, UnwrapWith(privateKey), [], aad, out _));
        Assert.False(MosipEnvelope.TryDecrypt(withAad, UnwrapWith(privateKey), [], [9, 9], out _));
        Assert.False(MosipEnvelope.TryDecrypt(withAad, UnwrapWith(privateKey), [], [], out _));
    }

    internal static SessionKeyUnwrapper UnwrapWith(RSA privateKey) =>
        (_, encryptedKey) => MosipEnvelope.TryUnwrapSessionKey(privateKey, encryptedKey, out byte[] key) ? key : null;

    private static List<(EnvelopeCase Case, byte[] Data)> Plaintexts(int seed)
    {
        var random = new Random(seed);
        return EnvelopeCase.All(random)
            .SelectMany(c => DataLengths.Select(n => (c, Bytes.Random(random, n))))
            .ToList();
    }
}
