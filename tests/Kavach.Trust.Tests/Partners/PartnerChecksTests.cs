using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Partners;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Partners;

public sealed class PartnerChecksTests
{
    private static readonly DateTime Now = TestPki.Now.UtcDateTime;
    private static readonly X509Certificate2 Ca = TestPki.Root("checks-ca");

    [Fact]
    public void Step_two_checks_in_MOSIPs_order()
    {
        var options = new TrustOptions();
        Assert.Null(PartnerChecks.Basic(TestPki.Leaf(Ca, "good"), Now, options));
        Assert.Equal("KER-PMS-020", PartnerChecks.Basic(TestPki.Issue(Ca, "CN=f", false, TestPki.Now.AddDays(1), TestPki.Now.AddDays(500)), Now, options)!.Code);
        Assert.Equal("KER-PCM-004", PartnerChecks.Basic(TestPki.Issue(Ca, "CN=e", false, TestPki.Now.AddDays(-500), TestPki.Now.AddDays(-1)), Now, options)!.Code);
        Assert.Equal("KER-KMS-021", PartnerChecks.Basic(TestPki.Leaf(Ca, "short", days: 334), Now, options)!.Code);
        Assert.Null(PartnerChecks.Basic(TestPki.Leaf(Ca, "enough", days: 336), Now, options));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var self = new CertificateRequest("CN=self,O=Partner Org", key, HashAlgorithmName.SHA256).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(500));
        Assert.Equal("KER-PCM-015", PartnerChecks.Basic(self, Now, options)!.Code);

        // A negative minimum (years × 365 < grace) falls back to MOSIP's 315 days.
        Assert.Null(PartnerChecks.Basic(TestPki.Leaf(Ca, "fallback", days: 316), Now, new TrustOptions { PartnerCertificateValidityYears = 0 }));
    }

    [Fact]
    public void Step_four_checks_organisation_key_size_and_signature()
    {
        Assert.Null(PartnerChecks.Further(TestPki.Leaf(Ca, "good"), "Partner Org"));
        Assert.Null(PartnerChecks.Further(TestPki.Leaf(Ca, "rsa", rsaBits: 2048), "Partner Org"));
        Assert.Equal("KER-PCM-008", PartnerChecks.Further(TestPki.Leaf(Ca, "org"), "partner org")!.Code);
        Assert.Equal("KER-PCM-013", PartnerChecks.Further(TestPki.Leaf(Ca, "weak", rsaBits: 1024), "Partner Org")!.Code);
        Assert.Equal("KER-PCM-014", PartnerChecks.Further(TestPki.Leaf(TestPki.RsaRoot("sha1-ca"), "sha1", sha1: true), "Partner Org")!.Code);
    }
}
