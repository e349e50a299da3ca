using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Kavach.Devices.Authority;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Tests.Authority;

/// <summary>The device server's signing and encryption keys: RSA-3072 in the vault, ROOT-issued, never issuers, two kids during a rollover.</summary>
public sealed partial class DeviceServerKeysTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_signing_key_signs_RS256_under_a_certificate_that_cannot_issue()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();

        var signature = await harness.ServerKeys.SignAsync("signing input"u8.ToArray(), Ct);
        var chain = await harness.ServerKeys.GetSigningChainAsync(Ct);

        var certificate = Assert.Single(chain);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.Equal(3072, rsa.KeySize);
        Assert.True(rsa.VerifyData("signing input"u8, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(KeyUsageRules.CanIssue(certificate));
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var root = (await harness.Authority.GetTrustAnchorsAsync(Ct)).Root;
        Assert.True(DeviceCertificateAuthorityTests.Chains(certificate, root));

        // It never issues: the vault refuses it as an issuer.
        var alias = Assert.Single(await harness.Store.GetAliasesAsync(DeviceServerKeys.SigningApplicationId, string.Empty, Ct));
        var layout = new CertificateRequest("CN=forged", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = harness.Time.GetUtcNow();
        Assert.Throws<KeyUsageException>(() => harness.Vault.IssueCertificate(alias.Id, new CertificateToIssue(layout, certificate.SubjectName, now, now.AddDays(1), [1])));
    }

    [Fact]
    public async Task The_encryption_key_unwraps_RSA_OAEP_256_under_its_kid_and_nothing_else()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();
        var (kid, certificate) = await harness.ServerKeys.GetEncryptionKeyAsync(Ct);
        Assert.Matches(KidPattern(), kid);
        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var cek = RandomNumberGenerator.GetBytes(32);
        using var rsa = certificate.GetRSAPublicKey()!;
        var wrapped = rsa.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);

        Assert.Equal(cek, await harness.ServerKeys.UnwrapContentKeyAsync(kid, wrapped, Ct));
        Assert.Null(await harness.ServerKeys.UnwrapContentKeyAsync("srv-enc-2026-12-00000000", wrapped, Ct));
        Assert.Null(await harness.ServerKeys.UnwrapContentKeyAsync(kid, RandomNumberGenerator.GetBytes(384), Ct));
        Assert.Null(await harness.ServerKeys.UnwrapContentKeyAsync(kid, ReadOnlyMemory<byte>.Empty, Ct));
    }

    [Fact]
    public async Task After_a_rollover_the_previous_kid_is_still_accepted_until_its_key_expires()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();
        var (oldKid, oldCertificate) = await harness.ServerKeys.GetEncryptionKeyAsync(Ct);
        using var oldKey = oldCertificate.GetRSAPublicKey()!;
        var wrappedToOld = oldKey.Encrypt(new byte[32], RSAEncryptionPadding.OaepSHA256);

        harness.Time.SetUtcNow(new DateTimeOffset(oldCertificate.NotAfter.ToUniversalTime()).AddDays(-harness.Options.ServerKeyRolloverDays).AddHours(1));
        var (newKid, _) = await harness.ServerKeys.GetEncryptionKeyAsync(Ct);

        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(new byte[32], await harness.ServerKeys.UnwrapContentKeyAsync(oldKid, wrappedToOld, Ct));
        Assert.Equal(new byte[32], await new DeviceServerKeys(harness.Ring, harness.Store, harness.Vault, new(), harness.Options, harness.Time).UnwrapContentKeyAsync(oldKid, wrappedToOld, Ct));

        harness.Time.SetUtcNow(new DateTimeOffset(oldCertificate.NotAfter.ToUniversalTime()).AddMinutes(1));
        Assert.Null(await new DeviceServerKeys(harness.Ring, harness.Store, harness.Vault, new(), harness.Options, harness.Time).UnwrapContentKeyAsync(oldKid, wrappedToOld, Ct));
    }

    [GeneratedRegex("^srv-enc-[0-9]{4}-[0-9]{2}-[0-9a-f]{8}$")]
    private static partial Regex KidPattern();
}
