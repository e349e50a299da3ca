using System.Security.Cryptography;
using Kavach.Devices.Updates.Signing;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Tests.Updates;

/// <summary>Builds signed update documents for the tests.</summary>
internal static class UpdateDocuments
{
    public const string HardwareId = "MOSIP/SLAP01";

    public static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    public static TrustDocument Trust(long version = 1, DateTimeOffset? expires = null, int threshold = 1, RSA[]? releaseKeys = null) =>
        new(
            version,
            expires ?? Now.AddDays(365),
            [.. (releaseKeys ?? [UpdateTestKeys.Release]).Select(UpdateTestKeys.Text)],
            [UpdateTestKeys.Text(UpdateTestKeys.Timestamp)],
            threshold);

    public static byte[] SignedTrust(TrustDocument? trust = null, params RSA[] signers) =>
        UpdateDocumentSigner.Sign(trust ?? Trust(), [.. (signers.Length == 0 ? [UpdateTestKeys.Root] : signers).Select(UpdateTestKeys.Signer)]);

    public static byte[] Artifact(int length = 4096) =>
        [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];

    public static ReleaseManifest Release(long counter = 5, long minimum = 0, string hardwareId = HardwareId, string certification = "L1", DateTimeOffset? expires = null, byte[]? artifact = null)
    {
        var bytes = artifact ?? Artifact();
        return new ReleaseManifest(
            counter,
            "2.0." + counter,
            [hardwareId],
            certification,
            minimum,
            [new ReleaseArtifact("firmware.bin", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)))],
            expires ?? Now.AddDays(90));
    }

    public static byte[] SignedRelease(ReleaseManifest? release = null, params RSA[] signers) =>
        UpdateDocumentSigner.Sign(release ?? Release(), [.. (signers.Length == 0 ? [UpdateTestKeys.Release] : signers).Select(UpdateTestKeys.Signer)]);

    public static byte[] SignedTimestamp(byte[] releaseDocument, long counter = 5, DateTimeOffset? expires = null, RSA? signer = null) =>
        UpdateDocumentSigner.Sign(
            new TimestampDocument(counter, Convert.ToHexStringLower(SHA256.HashData(releaseDocument)), expires ?? Now.AddHours(24)),
            [UpdateTestKeys.Signer(signer ?? UpdateTestKeys.Timestamp)]);

    public static DeviceUpdateContext Device(long installed = 4, string hardwareId = HardwareId, string certification = "L1", DateTimeOffset? now = null) =>
        new(installed, hardwareId, certification, now ?? Now);
}
