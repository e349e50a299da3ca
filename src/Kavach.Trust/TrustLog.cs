using Microsoft.Extensions.Logging;

namespace Kavach.Trust;

/// <summary>The trust store's log messages: ids, thumbprints, domains and codes — never certificate or key material.</summary>
internal static partial class TrustLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "CA certificate {CertId} ({Type}, thumbprint {Thumbprint}) stored in domain {Domain}")]
    public static partial void CaStored(ILogger logger, string certId, string type, string thumbprint, string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "CA certificate {Thumbprint} not stored in domain {Domain}: {Code} {Message}")]
    public static partial void CaRejected(ILogger logger, string thumbprint, string domain, string code, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner certificate {Thumbprint} of domain {Domain} already uploaded before; storing the renewal")]
    public static partial void PartnerRenewal(ILogger logger, string thumbprint, string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner certificate {CertId} (thumbprint {Thumbprint}) re-signed and stored in domain {Domain}; trust store update: {Status}")]
    public static partial void PartnerStored(ILogger logger, string certId, string thumbprint, string domain, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "CRL of {Issuer} (thisUpdate {ThisUpdate:o}, {Count} entries) stored for domains {Domains}")]
    public static partial void CrlStored(ILogger logger, string issuer, DateTime thisUpdate, int count, string domains);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored CA certificate {CertId} of domain {Domain} cannot be parsed; it is not trusted")]
    public static partial void CaRowUnreadable(ILogger logger, string certId, string domain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored CRL {CrlId} of {Issuer} does not parse or verify under its CA; it is ignored")]
    public static partial void CrlRowUnusable(ILogger logger, string crlId, string issuer);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trust view of domain {Domain} loaded: version {Version}, {Count} CA certificates, {Crls} CRLs")]
    public static partial void SnapshotLoaded(ILogger logger, string domain, long version, int count, int crls);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No trust path in domain {Domain} for {Thumbprint}: {Verdict} ({Flags})")]
    public static partial void NotTrusted(ILogger logger, string domain, string thumbprint, string verdict, string flags);
}
