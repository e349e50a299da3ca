using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Tokens;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>
/// The embedded issuer's verification keys, read from the key hierarchy (every unexpired key of the issuer's application):
/// a revoked or expired key stops verifying within <see cref="Ttl"/> on every replica.
/// </summary>
internal sealed partial class LocalIssuerKeySource : CachingKeySource
{
    /// <summary>How long the keys are used before the key store is asked again.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly KavachReadiness _readiness;
    private readonly LocalTokenIssuer _tokens;
    private readonly string _issuer;
    private readonly ILogger _logger;

    public LocalIssuerKeySource(KavachReadiness readiness, LocalTokenIssuer tokens, string issuer, TimeProvider time, ILogger logger)
        : base(time, Ttl, TimeSpan.FromSeconds(1))
    {
        _readiness = readiness;
        _tokens = tokens;
        _issuer = issuer;
        _logger = logger;
    }

    public override bool IsLocal => true;

    protected override bool CanFetch => _readiness.IsReady;

    protected override async Task<IssuerKeys?> FetchAsync(CancellationToken cancellationToken)
    {
        var result = await _tokens.GetVerificationKeysAsync(cancellationToken);
        if (!result.IsSuccess)
        {
            LogUnusable(_logger, result.Error.Code, result.Error.Message);
            return null;
        }

        var keys = new List<SecurityKey>(result.Value.Count);
        foreach (var key in result.Value)
        {
            using var rsa = key.Certificate.GetRSAPublicKey() ?? throw new CryptographicException("The token issuer key is not RSA.");
            keys.Add(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
        }

        return new IssuerKeys(keys, _issuer, true);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Local token issuer keys unusable: {Code} {Message}")]
    private static partial void LogUnusable(ILogger logger, string code, string message);
}
