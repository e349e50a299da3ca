using Kavach.Hosting.Web.Authentication;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Hosting.Security.Options;
using Kavach.Hosting.Startup;
using Kavach.Keys.Signatures;

namespace Kavach.Server.Security.MutualTls;

/// <summary>
/// A partner's TLS client certificate: time-valid now, an end-entity certificate usable for client authentication, with
/// a trust path to the trust store in one of the configured partner domains (tried in order). The partner is named by
/// the certificate's common name and gets the configured partner roles.
/// </summary>
internal sealed partial class ClientCertificateAuthenticator
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const string AnyExtendedKeyUsageOid = "2.5.29.37.0";

    private readonly KavachReadiness _readiness;
    private readonly ICertificateTrustVerifier _trust;
    private readonly IReadOnlyList<string> _domains;
    private readonly IReadOnlyList<string> _roles;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ClientCertificateAuthenticator(KavachReadiness readiness, ICertificateTrustVerifier trust, MutualTlsOptions options, TimeProvider time, ILogger logger)
    {
        _readiness = readiness;
        _trust = trust;
        _domains = options.DomainList();
        _roles = options.RoleList();
        _time = time;
        _logger = logger;
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var now = _time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return Refused(thumbprint, "certificate not valid now");
        }

        if (!IsClientCertificate(certificate))
        {
            return Refused(thumbprint, "not an end-entity client certificate");
        }

        if (!_readiness.IsReady)
        {
            return AuthenticationOutcome.Unavailable("trust store not open", local: true);
        }

        var verifier = _trust;
        foreach (var domain in _domains)
        {
            if (await verifier.IsTrustedAsync(certificate, [], domain, cancellationToken))
            {
                var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                var userName = string.IsNullOrWhiteSpace(name) ? thumbprint : name;
                LogAccepted(_logger, thumbprint, domain);
                return AuthenticationOutcome.Success(KavachPrincipal.Create(
                    KavachClaimTypes.CertificateAuthentication,
                    "partner:" + thumbprint,
                    userName,
                    "mtls:" + domain,
                    _roles,
                    new Claim(KavachClaimTypes.PartnerDomain, domain),
                    new Claim(KavachClaimTypes.CertificateThumbprint, thumbprint)));
            }
        }

        return Refused(thumbprint, "no trust path in the partner domains");
    }

    private static bool IsClientCertificate(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension { CertificateAuthority: true }:
                    return false;
                case X509KeyUsageExtension usage when (usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0:
                    return false;
                case X509EnhancedKeyUsageExtension eku when !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value is ClientAuthOid or AnyExtendedKeyUsageOid):
                    return false;
            }
        }

        return true;
    }

    private AuthenticationOutcome Refused(string thumbprint, string reason)
    {
        LogRefused(_logger, thumbprint, reason);
        return AuthenticationOutcome.Failed(reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client certificate {Thumbprint} accepted in domain {Domain}")]
    private static partial void LogAccepted(ILogger logger, string thumbprint, string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client certificate {Thumbprint} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string thumbprint, string reason);
}
