using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;

namespace Kavach.Devices.Rotation;

/// <summary>Rotation's issuer on the vault-held device CA.</summary>
public sealed class DeviceCaRotationIssuer : IRotationCertificateIssuer
{
    private readonly DeviceCertificateAuthority _ca;

    /// <summary>Issues through <paramref name="ca"/>.</summary>
    public DeviceCaRotationIssuer(DeviceCertificateAuthority ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        _ca = ca;
    }

    /// <inheritdoc />
    public Task<IssuedDeviceCertificate> IssueAsync(string serialNo, string organization, string mgmtId, PublicKey publicKey, CancellationToken cancellationToken) =>
        _ca.IssueAsync(serialNo, organization, mgmtId, publicKey, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<X509Certificate2>> ChainOfAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var anchors = await _ca.GetTrustAnchorsAsync(cancellationToken);

        // After a CA rollover the certificate's issuer may be an earlier CA still valid: pick it by name.
        var issuer = anchors.IssuingCas.FirstOrDefault(ca => ca.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
            ?? anchors.IssuingCas[0];
        return [certificate, issuer, anchors.Root];
    }
}
