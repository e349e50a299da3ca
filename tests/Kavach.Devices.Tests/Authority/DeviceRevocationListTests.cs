using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Authority;

/// <summary>The device CA's CRL: the store's revoked certificates, signed through the vault, cached, rebuilt on each revocation.</summary>
public sealed class DeviceRevocationListTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_CRL_lists_revoked_certificates_with_their_reason_is_signed_by_the_CA_and_is_rebuilt_on_revocation()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();
        var ca = await harness.Authority.GetIssuingCertificateAsync(Ct);
        var first = await IssueRecordedAsync(harness, "SN0000000001");
        var second = await IssueRecordedAsync(harness, "SN0000000002");

        var empty = await harness.Authority.GetCrlAsync(Ct);
        Assert.True(VerifiesUnder(empty, ca));
        Assert.Same(empty, await harness.Authority.GetCrlAsync(Ct));

        Assert.True(await harness.Store.TryChangeStatusAsync(first, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "keyCompromise", harness.Time.GetUtcNow(), Ct));
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        var one = await harness.NewAuthority().GetCrlAsync(Ct);
        var loaded = CertificateRevocationListBuilder.Load(one, out var number);
        Assert.True(loaded.RemoveEntry(Convert.FromHexString(first)));
        Assert.False(loaded.RemoveEntry(Convert.FromHexString(second)));
        Assert.Contains(X509RevocationReason.KeyCompromise, ReasonsOf(one));

        Assert.True(await harness.Store.TryChangeStatusAsync(second, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "superseded", harness.Time.GetUtcNow(), Ct));
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        var two = await harness.Authority.GetCrlAsync(Ct);
        Assert.True(VerifiesUnder(two, ca));
        var reloaded = CertificateRevocationListBuilder.Load(two, out var nextNumber);
        Assert.True(nextNumber > number);
        Assert.True(reloaded.RemoveEntry(Convert.FromHexString(first)));
        Assert.True(reloaded.RemoveEntry(Convert.FromHexString(second)));
        Assert.Equal(harness.Time.GetUtcNow().UtcDateTime.AddDays(7), NextUpdateOf(two), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task openssl_verifies_the_CRL_against_the_CA()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();
        var serial = await IssueRecordedAsync(harness, "SN0000000003");
        Assert.True(await harness.Store.TryChangeStatusAsync(serial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "cessationOfOperation", harness.Time.GetUtcNow(), Ct));
        var crl = await harness.Authority.GetCrlAsync(Ct);
        using var folder = new Kavach.Testing.TempDirectory("kavach-devices-crl");
        await File.WriteAllBytesAsync(folder.File("crl.der"), crl);
        await File.WriteAllTextAsync(folder.File("ca.pem"), (await harness.Authority.GetIssuingCertificateAsync(Ct)).ExportCertificatePem());

        var (code, output, error) = await Kavach.Testing.ExternalTool.RunAsync("openssl", ["crl", "-inform", "DER", "-in", folder.File("crl.der"), "-CAfile", folder.File("ca.pem"), "-noout", "-text"]);

        Assert.True(code == 0, output + error);
        Assert.Contains("verify OK", output + error, StringComparison.Ordinal);
        Assert.Contains(serial, output.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), StringComparison.Ordinal);
        Assert.Contains("Cessation Of Operation", output, StringComparison.Ordinal);
    }

    internal static async Task<string> IssueRecordedAsync(DeviceAuthorityHarness harness, string serialNo)
    {
        var now = harness.Time.GetUtcNow();
        Assert.True(await harness.Store.TryInsertDevicesAsync([new DeviceRecord(serialNo, null, "MOSIP.PROXY.SBI", "MOSIP", "SLAP01", "Finger", "Slap", "L1", "Auth", "Staging", new string('a', 64), null, DeviceState.Whitelisted, 0, null, null, 0, false, null, now, 0)], Ct));
        using var key = RSA.Create(2048);
        var publicKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).PublicKey;
        var issued = await harness.Authority.IssueAsync(serialNo, "MOSIP", Guid.NewGuid().ToString(), publicKey, Ct);
        Assert.True(await harness.Store.TryInsertCertificateAsync(
            new DeviceCertificateRecord(issued.CertSerial, serialNo, issued.SpkiSha256, issued.Certificate.NotBefore.ToUniversalTime(), issued.Certificate.NotAfter.ToUniversalTime(), DeviceCertificateStatus.Pending, null, null, null, null, issued.Certificate.RawData),
            Ct));
        return issued.CertSerial;
    }

    internal static bool VerifiesUnder(byte[] crl, X509Certificate2 issuer)
    {
        var reader = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        _ = reader.ReadSequence();
        var signature = reader.ReadBitString(out _);
        using var rsa = issuer.GetRSAPublicKey()!;
        return rsa.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static DateTime NextUpdateOf(byte[] crl)
    {
        var tbs = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        _ = tbs.ReadInteger();
        _ = tbs.ReadSequence();
        _ = tbs.ReadEncodedValue();
        _ = ReadTime(tbs);
        return ReadTime(tbs).UtcDateTime;
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().TagValue == (int)UniversalTagNumber.UtcTime ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static IEnumerable<X509RevocationReason> ReasonsOf(byte[] crl)
    {
        // Entries: SEQUENCE { serial, time, extensions { SEQUENCE { reasonCode OID, OCTET STRING { ENUMERATED } } } }.
        var tbs = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        _ = tbs.ReadInteger();
        _ = tbs.ReadSequence();
        _ = tbs.ReadEncodedValue();
        _ = ReadTime(tbs);
        _ = ReadTime(tbs);
        var entries = tbs.ReadSequence();
        var reasons = new List<X509RevocationReason>();
        while (entries.HasData)
        {
            var entry = entries.ReadSequence();
            _ = entry.ReadInteger();
            _ = ReadTime(entry);
            if (!entry.HasData)
            {
                continue;
            }

            var extensions = entry.ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                if (extension.ReadObjectIdentifier() == "2.5.29.21")
                {
                    var value = new AsnReader(extension.ReadOctetString(), AsnEncodingRules.DER);
                    reasons.Add((X509RevocationReason)(int)(BigInteger)new BigInteger(value.ReadEnumeratedBytes().Span, isUnsigned: true, isBigEndian: true));
                }
            }
        }

        return reasons;
    }
}
