using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Channel;

/// <summary>
/// The protected application's side of the partner channel: our signature certificate (<c>APP/SIGN</c>) and encryption
/// certificate (<c>APP/ref</c>), made with the module key that issues them when the application has none yet. An
/// application the configuration names (the gateway's application, the partner channel's default application) gets
/// MOSIP's module defaults (1095 days, 60 days before expiry) when it has no key policy, as IDA's own database scripts
/// add one in MOSIP; any other application must have a policy already, so a mistyped id makes nothing. An existing
/// policy is never changed. Onboarding and the gateway both call this, so whichever comes first leaves the same keys.
/// </summary>
public sealed partial class ChannelApplicationKeys
{
    private const int DefaultValidityDays = 1095;
    private const int DefaultPreExpireDays = 60;

    private readonly KeyRing _ring;
    private readonly KeyPolicyCatalog _policies;
    private readonly IKeyStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public ChannelApplicationKeys(KeyRing ring, KeyPolicyCatalog policies, IKeyStore store, ILogger<ChannelApplicationKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _ring = ring;
        _policies = policies;
        _store = store;
        _logger = logger;
    }

    /// <summary>
    /// The signature and encryption certificates of <paramref name="applicationId"/>; KER-PCH-016 when they cannot be
    /// made (among others: no key policy and <paramref name="configured"/> false).
    /// </summary>
    /// <param name="applicationId">The protected application.</param>
    /// <param name="encryptionReferenceId">The reference id of its encryption (base) key.</param>
    /// <param name="configured">True when the configuration names this application, so a missing policy may be added.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Result<(X509Certificate2 Signing, X509Certificate2 Encryption)>> EnsureAsync(string applicationId, string encryptionReferenceId, bool configured, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(encryptionReferenceId);
        if (configured && await _policies.FindAsync(applicationId, cancellationToken) is null)
        {
            await _store.UpsertPolicyAsync(new KeyPolicy(applicationId, DefaultValidityDays, DefaultPreExpireDays, IsActive: true, AccessAllowed: "NA"), cancellationToken);
            _policies.Invalidate();
            LogPolicyAdded(_logger, applicationId);
        }

        // The module key issues APP/SIGN and the base key; like MOSIP's start-up keys it is made when missing, never replaced.
        var module = await _ring.Generator.GenerateAsync(applicationId, string.Empty, SubjectRequest.Empty, force: false, cancellationToken);
        if (!module.IsSuccess)
        {
            return ChannelErrors.ServerKeyNotAvailable.WithDetail($" ({module.Error.Code})");
        }

        var signing = await _ring.Generator.GenerateAsync(applicationId, KeyIds.Sign, SubjectRequest.Empty, force: false, cancellationToken);
        var encryption = await _ring.Generator.GenerateAsync(applicationId, encryptionReferenceId, SubjectRequest.Empty, force: false, cancellationToken);
        if (!signing.IsSuccess || !encryption.IsSuccess)
        {
            var error = signing.Error ?? encryption.Error!;
            return ChannelErrors.ServerKeyNotAvailable.WithDetail($" ({error.Code})");
        }

        return (signing.Value.Certificate, encryption.Value.Certificate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key policy for {ApplicationId} added with MOSIP's module defaults for the partner channel")]
    private static partial void LogPolicyAdded(ILogger logger, string applicationId);
}
