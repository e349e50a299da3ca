namespace Kavach.Hosting.Web.Tls;

/// <summary>The TLS set-up's log lines (thumbprints and dates only).</summary>
internal static partial class TlsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "HTTPS certificate {Thumbprint} ({Source}) valid until {NotAfter:u}")]
    public static partial void CertificateReady(ILogger logger, string thumbprint, string source, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTPS key {AliasId} was issued but its audit record could not be written")]
    public static partial void IssueNotAudited(ILogger logger, string aliasId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTPS certificate not available ({Kind}); retrying")]
    public static partial void CertificateFailed(ILogger logger, string kind, Exception exception);
}
