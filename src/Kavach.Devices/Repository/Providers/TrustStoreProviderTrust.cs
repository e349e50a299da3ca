using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Errors;
using Kavach.Trust;
using Kavach.Trust.Errors;

namespace Kavach.Devices.Repository.Providers;

/// <summary><see cref="IProviderTrust"/> over Kavach's partner trust store (the same CA rows MOSIP's <c>uploadCACertificate</c> writes).</summary>
public sealed class TrustStoreProviderTrust : IProviderTrust
{
    private readonly TrustServices _trust;

    /// <summary>Uses <paramref name="trust"/>.</summary>
    public TrustStoreProviderTrust(TrustServices trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        _trust = trust;
    }

    /// <inheritdoc />
    /// <remarks>A certificate already in the domain counts as uploaded: the provider's CA may have come in through the key manager's API.</remarks>
    public async Task<Result<string>> UploadCaAsync(string certificateData, string domain, string uploadedBy, CancellationToken cancellationToken)
    {
        var result = await _trust.CaCertificates.UploadAsync(certificateData, domain, uploadedBy, cancellationToken);
        return !result.IsSuccess && result.Error.Code == TrustErrors.CertificateExists.Code ? TrustErrors.CertificateExists.Message : result;
    }

    /// <inheritdoc />
    public async Task<(bool Trusted, string? Reason)> EvaluateAsync(X509Certificate2 certificate, string domain, CancellationToken cancellationToken)
    {
        var evaluation = await _trust.Paths.EvaluateAsync(certificate, domain, cancellationToken);
        return (evaluation.IsTrusted, evaluation.Reason);
    }
}
