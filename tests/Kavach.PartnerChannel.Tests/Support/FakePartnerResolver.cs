using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Partners;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>
/// A resolver as the contract asks: the certificate must chain to the partner TLS CA, name a registered partner, and
/// that partner must not be revoked. Can be told to fail like a store that is down.
/// </summary>
internal sealed class FakePartnerResolver : IPartnerResolver
{
    private readonly X509Certificate2 _tlsCa;
    private readonly ConcurrentDictionary<string, VerifiedPartner> _partners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    public FakePartnerResolver(TestPki pki, params TestPartner[] partners)
    {
        _tlsCa = pki.PartnerTlsCa;
        foreach (TestPartner partner in partners)
        {
            _partners[partner.Id] = partner.Verified;
        }
    }

    public bool Down { get; set; }

    public void Revoke(string partnerId) => _revoked[partnerId] = true;

    /// <summary>Registers <paramref name="partner"/> with <paramref name="verified"/> (e.g. another signature certificate).</summary>
    public void Register(string partnerId, VerifiedPartner verified) => _partners[partnerId] = verified;

    public ValueTask<VerifiedPartner?> ResolveAsync(X509Certificate2 tlsClientCertificate, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new InvalidOperationException("store down");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_tlsCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(tlsClientCertificate))
        {
            return ValueTask.FromResult<VerifiedPartner?>(null);
        }

        string id = tlsClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        VerifiedPartner? partner = _partners.TryGetValue(id, out VerifiedPartner? found) && !_revoked.ContainsKey(id) ? found : null;
        return ValueTask.FromResult(partner);
    }
}
