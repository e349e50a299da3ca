using Kavach.Keys.Audit;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.PartnerChannel.Auditing;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;
using Kavach.Trust.Channel;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.PartnerChannel.InProcess;

/// <summary>Wires the partner channel's service side to Kavach in process (keys, registry, trust store, audit trail).</summary>
/// <remarks>
/// The folder is <c>Kavach/</c>; the namespace is <c>InProcess</c> because a namespace
/// <c>Kavach.PartnerChannel.Kavach</c> would capture every <c>Kavach.…</c> name written inside the library's namespaces.
/// </remarks>
public static class KavachPartnerChannelServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChannelSigner"/> and <see cref="IChannelDecryptor"/> (<see cref="KavachVaultChannelKeys"/>:
    /// <c>&lt;APP&gt;/SIGN</c> and <c>&lt;APP&gt;/&lt;ref&gt;</c>), <see cref="IPartnerResolver"/>
    /// (<see cref="KavachPartnerResolver"/>) and <see cref="IPartnerChannelAudit"/>
    /// (<see cref="AuditTrailPartnerChannelAudit"/>) over the services <c>AddKavach</c> registers.
    /// </summary>
    public static IServiceCollection AddKavachPartnerChannel(this IServiceCollection services, string applicationId, string encryptionReferenceId)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(encryptionReferenceId);
        services.AddSingleton(sp => new KavachVaultChannelKeys(
            sp.GetRequiredService<SigningKeyProvider>(),
            sp.GetRequiredService<SessionKeyDecryptor>(),
            sp.GetRequiredService<KeyRing>(),
            sp.GetRequiredService<TimeProvider>(),
            applicationId,
            encryptionReferenceId));
        services.AddSingleton<IChannelSigner>(sp => sp.GetRequiredService<KavachVaultChannelKeys>());
        services.AddSingleton<IChannelDecryptor>(sp => sp.GetRequiredService<KavachVaultChannelKeys>());
        services.AddSingleton<IPartnerResolver>(sp => new KavachPartnerResolver(
            sp.GetRequiredService<IChannelPartnerDirectory>(),
            sp.GetRequiredService<PartnerTlsAuthority>(),
            sp.GetRequiredService<ICertificateTrustVerifier>(),
            sp.GetRequiredService<TimeProvider>(),
            applicationId));
        services.AddSingleton<IPartnerChannelAudit>(sp => new AuditTrailPartnerChannelAudit(sp.GetRequiredService<AuditTrail>(), applicationId));
        return services;
    }
}
