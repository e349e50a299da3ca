using System.Globalization;

namespace Kavach.Keys.Audit;

/// <summary>
/// A signed statement that record <see cref="Seq"/> of the chain has hash <see cref="RecordHash"/>, and so, through the
/// chain, fixes every record up to it. Signed by the KERNEL/SIGN key (RSA-PSS SHA-256 over <see cref="SignedBytes"/>)
/// and MACed with a key derived from the vault's KERNEL/AUDIT secret (see docs/audit.md for why both).
/// </summary>
/// <param name="Seq">The last record covered.</param>
/// <param name="RecordHash">That record's hash.</param>
/// <param name="CreatedAt">When the checkpoint was made (UTC, microseconds).</param>
/// <param name="SigningKeyAlias">The KERNEL/SIGN alias id that signed.</param>
/// <param name="CertificateThumbprint">Upper-case hex SHA-256 of the signing certificate.</param>
/// <param name="CertificatePem">The signing certificate.</param>
/// <param name="Algorithm">The signature algorithm (<c>PS256</c>).</param>
/// <param name="Signature">Base64url signature.</param>
/// <param name="PolicyState">Digest per application of <c>key_policy_def</c> at that time (<c>APP=hex8;…</c>).</param>
/// <param name="MacKeyAlias">The KERNEL/AUDIT alias id whose derived key made <see cref="Mac"/>.</param>
/// <param name="Mac">Lower-case hex HMAC-SHA256 of <see cref="SignedBytes"/>.</param>
public sealed record AuditCheckpoint(
    long Seq,
    string RecordHash,
    DateTime CreatedAt,
    string SigningKeyAlias,
    string CertificateThumbprint,
    string CertificatePem,
    string Algorithm,
    string Signature,
    string? PolicyState,
    string? MacKeyAlias,
    string? Mac)
{
    private static readonly byte[] CheckpointTag = "KAVACH-AUDIT-CHECKPOINT-1"u8.ToArray();

    /// <summary>The bytes signed and MACed: tag, seq, record hash, time, certificate thumbprint, policy state, MAC key alias.</summary>
    public byte[] SignedBytes() => BytesFor(Seq, RecordHash, CreatedAt, CertificateThumbprint, PolicyState, MacKeyAlias);

    /// <summary>The signed bytes of a checkpoint with these values.</summary>
    public static byte[] BytesFor(long seq, string recordHash, DateTime createdAt, string certificateThumbprint, string? policyState, string? macKeyAlias)
    {
        var writer = new AuditChain.CanonicalWriter(CheckpointTag);
        writer.Add(seq.ToString(CultureInfo.InvariantCulture));
        writer.Add(recordHash);
        writer.Add(AuditChain.FormatTime(createdAt));
        writer.Add(certificateThumbprint);
        writer.Add(policyState);
        writer.Add(macKeyAlias);
        return writer.ToArray();
    }
}
