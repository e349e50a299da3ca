using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Partners;
using Kavach.Testing.PartnerChannel;

namespace Kavach.PartnerChannel.Tests.Interop;

/// <summary>A resolver over a fixed set of partners: the TLS certificate must chain to the test's partner TLS CA.</summary>
internal sealed class TestPartnerResolver(PartnerChannelPki pki, IEnumerable<PartnerIdentity> partners) : IPartnerResolver
{
    private readonly Dictionary<string, PartnerIdentity> _partners = partners.ToDictionary(p => p.PartnerId, StringComparer.Ordinal);

    public ValueTask<VerifiedPartner?> ResolveAsync(X509Certificate2 tlsClientCertificate, CancellationToken cancellationToken)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pki.TlsCa.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var id = tlsClientCertificate.GetNameInfo(X509NameType.SimpleName, false);
        VerifiedPartner? partner = chain.Build(tlsClientCertificate) && _partners.TryGetValue(id, out var known)
            ? new VerifiedPartner(id, "Partner Org", "AUTH", known.Signing.Certificate, known.Encryption.Certificate)
            : null;
        return ValueTask.FromResult(partner);
    }
}
