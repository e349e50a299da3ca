using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kavach.Keys.Certificates;
using Kavach.PartnerChannel.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.PartnerChannel.Remote;

/// <summary>
/// Resolves partners from a Kavach server over its API: the TLS client certificate must chain to the partner TLS CA
/// bundle given (and be valid now), its common name is the partner id, <c>GET /partners/{id}</c> must list its serial
/// and say <c>ACTIVE</c>, and <c>/verifyCertificateTrust</c> must find a trust path for the signature and encryption
/// certificates in the partner's domain. Asks the server on every request, so a revocation holds on the next one.
/// </summary>
public sealed partial class KavachApiPartnerResolver : IPartnerResolver
{
    private readonly KavachApiClient _api;
    private readonly X509Certificate2Collection _tlsAuthorities;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the resolver. <paramref name="partnerTlsAuthorities"/> is the partner TLS CA bundle (what
    /// <c>kavach partner onboard</c> writes as <c>ca-bundle.pem</c>): the roots a partner's TLS certificate must chain to.
    /// </summary>
    public KavachApiPartnerResolver(
        HttpClient http, KavachApiOptions options, X509Certificate2Collection partnerTlsAuthorities, TimeProvider time,
        ILogger<KavachApiPartnerResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(partnerTlsAuthorities);
        ArgumentNullException.ThrowIfNull(time);
        if (partnerTlsAuthorities.Count == 0)
        {
            throw new ArgumentException("At least one partner TLS CA certificate is required.", nameof(partnerTlsAuthorities));
        }

        _api = new KavachApiClient(http, options, time);
        _tlsAuthorities = partnerTlsAuthorities;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async ValueTask<VerifiedPartner?> ResolveAsync(X509Certificate2 tlsClientCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tlsClientCertificate);
        if (!ChainsToPartnerCa(tlsClientCertificate))
        {
            return Refuse("TLS certificate does not chain to the partner TLS CA", null);
        }

        var partnerId = tlsClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrWhiteSpace(partnerId))
        {
            return Refuse("TLS certificate has no common name", null);
        }

        var answer = await _api.GetAsync($"partners/{Uri.EscapeDataString(partnerId)}", cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return Refuse("partner not registered", partnerId);
        }

        var partner = answer.Response;
        if (answer.GetString("status") != "ACTIVE")
        {
            return Refuse("partner not active", partnerId);
        }

        if (!ListsSerial(partner, tlsClientCertificate.SerialNumber))
        {
            return Refuse("TLS certificate serial not issued to this partner (or renewed away)", partnerId);
        }

        var domain = answer.GetString("partnerDomain");
        if (string.IsNullOrWhiteSpace(domain) ||
            !Pem.TryParseCertificate(answer.GetString("signingCertificate"), out var signing) ||
            !Pem.TryParseCertificate(answer.GetString("encryptionCertificate"), out var encryption))
        {
            return Refuse("partner record incomplete", partnerId);
        }

        if (!await TrustedAsync(signing, domain, cancellationToken).ConfigureAwait(false) ||
            !await TrustedAsync(encryption, domain, cancellationToken).ConfigureAwait(false))
        {
            return Refuse("partner certificate has no trust path in its domain", partnerId);
        }

        return new VerifiedPartner(partnerId, answer.GetString("organizationName") ?? string.Empty, domain, signing, encryption);
    }

    private bool ChainsToPartnerCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_tlsAuthorities);

        // Revocation of partner TLS certificates is the registry's serial list, asked on every request.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(certificate);
    }

    private static bool ListsSerial(JsonElement partner, string serialHex)
    {
        if (!partner.TryGetProperty("tlsCertificateSerials", out var serials) || serials.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var wanted = NormalizeSerial(serialHex);
        return serials.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && NormalizeSerial(s.GetString()!) == wanted);
    }

    // Serials are compared as hex numbers: case and leading zeros (DER sign padding) are not part of the value.
    private static string NormalizeSerial(string serial) =>
        serial.Replace(":", string.Empty, StringComparison.Ordinal).TrimStart('0').ToUpperInvariant();

    private async Task<bool> TrustedAsync(X509Certificate2 certificate, string domain, CancellationToken cancellationToken)
    {
        var answer = await _api.PostAsync("verifyCertificateTrust", new JsonObject
        {
            ["certificateData"] = certificate.ExportCertificatePem(),
            ["partnerDomain"] = domain,
        }, cancellationToken).ConfigureAwait(false);
        return answer.IsSuccess && answer.Response.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.True;
    }

    private VerifiedPartner? Refuse(string reason, string? partnerId)
    {
        LogRefused(_logger, partnerId, reason);
        return null;
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Partner not resolved (partner={PartnerId}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string? partnerId, string reason);
}
