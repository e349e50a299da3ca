using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Channel;

namespace Kavach.Trust.Tests.Support;

/// <summary>A partner's own PKI as it comes to onboarding: its CA, its signature and encryption certificates, a TLS CSR.</summary>
public sealed class PartnerPki
{
    public PartnerPki(string name, string organization = "Partner Org")
    {
        Organization = organization;
        Ca = TestPki.Root(name + " CA");
        Signing = TestPki.Leaf(Ca, name + " signing", organization);
        Encryption = TestPki.Leaf(Ca, name + " encryption", organization);
    }

    public string Organization { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Signing { get; set; }

    public X509Certificate2 Encryption { get; set; }

    public PartnerOnboardingRequest Request(string partnerId, string? csr = null, string? domain = null) => new(
        partnerId,
        Organization,
        domain,
        TestPki.Pem(Ca),
        TestPki.Pem(Signing),
        TestPki.Pem(Encryption),
        csr ?? Csrs.Rsa());
}
