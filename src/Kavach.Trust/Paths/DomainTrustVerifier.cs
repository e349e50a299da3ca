using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Signatures;
using Kavach.Trust.Domains;

namespace Kavach.Trust.Paths;

/// <summary>
/// The trust hook of <c>jwtVerify</c> (validateTrust=true with a domain): the signer's certificate must have a
/// trust path in the domain. Intermediates from the token's <c>x5c</c> are not used — a token cannot bring its
/// own CAs; only certificates uploaded to the domain count. An unknown domain trusts nothing.
/// </summary>
public sealed class DomainTrustVerifier : ICertificateTrustVerifier
{
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;

    /// <summary>Creates the verifier.</summary>
    public DomainTrustVerifier(PartnerDomains domains, TrustPathService paths)
    {
        _domains = domains;
        _paths = paths;
    }

    /// <inheritdoc />
    public async Task<bool> IsTrustedAsync(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates, string domain, CancellationToken cancellationToken)
    {
        var validated = _domains.Validate(domain);
        return validated.IsSuccess && (await _paths.EvaluateAsync(certificate, validated.Value, cancellationToken)).IsTrusted;
    }
}
