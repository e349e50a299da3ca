using Kavach.Keys.Audit;
using Kavach.Keys.Hierarchy;
using Kavach.Hosting.Startup;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// Keeps the hierarchy-issued server certificate current: once the key manager is ready it loads (or issues) the TLS key,
/// hands it to <see cref="TlsCertificateProvider"/>, and checks hourly whether renewal is due (30 days before expiry by
/// default, or when the configured names change, or after the key was revoked). Issuing is recorded in the audit trail.
/// </summary>
internal sealed class TlsCertificateService : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly TlsCertificateProvider _provider;
    private readonly KavachReadiness _readiness;
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly AuditTrail _audit;
    private readonly TlsCertificateIssuer _issuer;
    private readonly TlsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TlsCertificateService> _logger;

    public TlsCertificateService(TlsCertificateProvider provider, KavachReadiness readiness, KeyRing ring, IKeyStore store, IKeyVault vault, AuditTrail audit, IOptions<KavachOptions> options, TimeProvider time, ILogger<TlsCertificateService> logger)
    {
        _provider = provider;
        _readiness = readiness;
        _ring = ring;
        _store = store;
        _audit = audit;
        _options = options.Value.Tls;
        _issuer = new TlsCertificateIssuer(ring, store, vault, options.Value.KeyManager.Subject, _options);
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _readiness.WhenReady(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var issuer = _issuer;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = CheckInterval;
            try
            {
                if (_provider.Certificate is not { } current || issuer.NeedsRenewal(current) || await RevokedAsync(stoppingToken))
                {
                    var certificate = await issuer.EnsureAsync(stoppingToken);
                    if (certificate.Issued)
                    {
                        // Recorded before it is used; should the trail be down, the error is logged and the record
                        // is not retried (the key exists either way), so availability does not hang on it.
                        await RecordIssuedAsync(certificate, stoppingToken);
                    }

                    _provider.Set(certificate.Leaf, certificate.Chain);
                    TlsLog.CertificateReady(_logger, certificate.Leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), "hierarchy", certificate.Leaf.NotAfter.ToUniversalTime());
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the server keeps running and retries; handshakes fail until a certificate exists
            catch (Exception e)
#pragma warning restore CA1031
            {
                TlsLog.CertificateFailed(_logger, e.GetType().Name, e);
                wait = RetryInterval;
            }

            try
            {
                await Task.Delay(wait, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> RevokedAsync(CancellationToken cancellationToken)
    {
        var thumbprint = _provider.Certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var aliases = await _store.GetAliasesAsync(_options.KeyApplicationId, _options.KeyReferenceId, cancellationToken);
        var now = _ring.Now;
        return !aliases.Any(a => string.Equals(a.CertThumbprint, thumbprint, StringComparison.OrdinalIgnoreCase) && a.ExpiresAt > now);
    }

    private async Task RecordIssuedAsync(TlsServerCertificate certificate, CancellationToken cancellationToken)
    {
        try
        {
            await AppendIssuedAsync(certificate, cancellationToken);
        }
        catch (AuditUnavailableException e)
        {
            TlsLog.IssueNotAudited(_logger, certificate.AliasId ?? string.Empty, e);
        }
    }

    private Task AppendIssuedAsync(TlsServerCertificate certificate, CancellationToken cancellationToken) =>
        _audit.AppendAsync(
            new AuditEntry
            {
                Time = _time.GetUtcNow().UtcDateTime,
                Actor = "SYSTEM",
                Operation = "key.generate.tls",
                AppId = _options.KeyApplicationId,
                RefId = _options.KeyReferenceId,
                KeyRef = "alias:" + certificate.AliasId,
                Outcome = AuditOutcomes.Success,
                Detail = $"issuer={KeyIds.Kernel} thumbprint={certificate.Leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}",
            },
            cancellationToken);
}
