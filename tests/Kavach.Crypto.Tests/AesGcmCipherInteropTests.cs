using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

/// <summary>Our AES-GCM against Python's cryptography (OpenSSL-backed) and Java's JCE (what MOSIP runs).</summary>
public sealed class AesGcmCipherInteropTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(19)]
    [InlineData(8)]
    [InlineData(60)]
    [InlineData(128)]
    public void Python_decrypts_what_we_encrypt(int ivLength)
    {
        List<(byte[] Plaintext, GcmRequest Request)> cases = EncryptedByUs(ivLength, seed: 1);

        string[] results = IndependentGcm.Python(cases.Select(c => c.Request).ToList());

        for (int i = 0; i < cases.Count; i++)
        {
            Assert.Equal(Bytes.Hex(cases[i].Plaintext), results[i]);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(19)]
    [InlineData(8)]
    [InlineData(60)]
    [InlineData(128)]
    public void We_decrypt_what_python_encrypts(int ivLength)
    {
        List<GcmRequest> requests = PlaintextsToEncrypt(ivLength, seed: 2);

        string[] results = IndependentGcm.Python(requests);

        AssertWeDecrypt(requests, results);
    }

    [Fact]
    public void Python_rejects_our_output_when_tampered()
    {
        // Guards the interop tests themselves: the helper must be able to report a failure.
        List<(byte[] Plaintext, GcmRequest Request)> cases = EncryptedByUs(16, seed: 3);
        List<GcmRequest> tampered = cases.Select(c =>
        {
            byte[] data = (byte[])c.Request.Data.Clone();
            data[^1] ^= 1;
            return c.Request with { Data = data };
        }).ToList();

        Assert.All(IndependentGcm.Python(tampered), r => Assert.Equal("FAIL", r));
    }

    [Fact]
    public void Java_agrees_in_both_directions_for_iv_lengths_python_cannot_take()
    {
        // Java accepts any IV length, so this covers 1..7-byte IVs and IVs past OpenSSL's 128-byte cap.
        int[] ivLengths = [1, 7, 12, 16, 19, 129, 200, 1000];
        var ours = ivLengths.SelectMany(n => EncryptedByUs(n, seed: 10 + n)).ToList();
        var theirs = ivLengths.SelectMany(n => PlaintextsToEncrypt(n, seed: 20 + n)).ToList();

        string[] results = IndependentGcm.Java([.. ours.Select(c => c.Request), .. theirs]);

        for (int i = 0; i < ours.Count; i++)
        {
            Assert.Equal(Bytes.Hex(ours[i].Plaintext), results[i]);
        }

        AssertWeDecrypt(theirs, results[ours.Count..]);
    }

    private static void AssertWeDecrypt(List<GcmRequest> requests, string[] results)
    {
        for (int i = 0; i < requests.Count; i++)
        {
            GcmRequest r = requests[i];
            byte[] sealedData = Bytes.FromHex(results[i]);
            Assert.Equal(r.Data.Length + AesGcmCipher.TagSize, sealedData.Length);
            Assert.True(AesGcmCipher.TryDecrypt(r.Key, r.Iv, sealedData, r.Aad, out byte[] opened));
            Assert.Equal(r.Data, opened);
        }
    }

    private static List<(byte[] Plaintext, GcmRequest Request)> EncryptedByUs(int ivLength, int seed)
    {
        var cases = new List<(byte[], GcmRequest)>();
        foreach (GcmRequest plain in PlaintextsToEncrypt(ivLength, seed))
        {
            byte[] sealedData = AesGcmCipher.Encrypt(plain.Key, plain.Iv, plain.Data, plain.Aad);
            cases.Add((plain.Data, plain with { Operation = "dec", Data = sealedData }));
        }

        return cases;
    }

    private static List<GcmRequest> PlaintextsToEncrypt(int ivLength, int seed)
    {
        var random = new Random(seed);
        var requests = new List<GcmRequest>();
        foreach (int keySize in new[] { 16, 24, 32 })
        {
            foreach (int length in new[] { 0, 1, 16, 33, 1000 })
            {
                requests.Add(new GcmRequest(
                    "enc",
                    Bytes.Random(random, keySize),
                    Bytes.Random(random, ivLength),
                    Bytes.Random(random, length),
                    Bytes.Random(random, length % 3 == 0 ? 0 : 32)));
            }
        }

        return requests;
    }
}
