using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Storage;
using Kavach.Trust.Certificates;
using Kavach.Trust.Channel;
using Kavach.Trust.Errors;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Channel;

public sealed class PartnerOnboardingServiceTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Onboarding_stores_the_partner_and_hands_back_its_TLS_chain_our_certificates_and_the_bundle()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var pki = new PartnerPki("happy");

        var result = await harness.Onboarding.OnboardAsync(pki.Request("happy-partner"), "operator", Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var onboarded = result.Value;
        var tlsChain = Certificates(onboarded.TlsChain);
        Assert.Equal(3, tlsChain.Count);
        Assert.Equal("CN=happy-partner, O=Partner Org", tlsChain[0].Subject);
        Assert.Equal([tlsChain[1].Thumbprint, tlsChain[2].Thumbprint], Certificates(onboarded.CaBundle).Select(c => c.Thumbprint));
        Assert.StartsWith("CN=Kavach Partner TLS CA", tlsChain[1].Subject, StringComparison.Ordinal);

        var sign = await harness.Ring.GetCurrentAsync("IDA", "SIGN", Ct);
        var encryption = await harness.Ring.GetCurrentAsync("IDA", "PARTNER", Ct);
        Assert.Equal(sign.Value.Certificate.Thumbprint, Certificates(onboarded.ServerSigningCertificate).Single().Thumbprint);
        Assert.Equal(encryption.Value.Certificate.Thumbprint, Certificates(onboarded.ServerEncryptionCertificate).Single().Thumbprint);

        Assert.Equal(("happy-partner", "AUTH", "IDA", "ACTIVE"), (onboarded.Partner.PartnerId, onboarded.Partner.PartnerDomain, onboarded.Partner.ApplicationId, onboarded.Partner.Status));
        Assert.Equal([tlsChain[0].SerialNumber], onboarded.Partner.TlsCertificateSerials);

        // The directory the channel reads: the partner's own certificates, active.
        var partner = await harness.Directory.FindAsync("happy-partner", Ct);
        Assert.Equal(ChannelPartnerState.Active, partner!.State);
        Assert.Equal(pki.Signing.RawData, partner.SigningCertificate);
        Assert.Equal(pki.Encryption.RawData, partner.EncryptionCertificate);
        Assert.Equal([tlsChain[0].SerialNumber], partner.TlsCertificateSerials);

        // The trust store got the CA, and both partner certificates verify in the domain.
        Assert.Contains(harness.Trust.CaRows, r => r.Thumbprint == CertificateFacts.Thumbprint(pki.Ca) && r.PartnerDomain == "AUTH");
    }

    [Fact]
    public async Task An_existing_policy_stays_and_an_application_the_configuration_does_not_name_gets_no_policy_and_no_partner()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        await harness.KeyStore.UpsertPolicyAsync(new KeyPolicy("IDA", 400, 20, true, "NA"), Ct);

        var configured = await harness.Onboarding.OnboardAsync(new PartnerPki("configured").Request("configured-partner"), "operator", Ct);
        var unknown = await harness.Onboarding.OnboardAsync(new PartnerPki("unknown").Request("unknown-partner") with { ApplicationId = "IDA_TYPO" }, "operator", Ct);

        Assert.True(configured.IsSuccess, configured.Error?.Message);
        Assert.Equal("KER-PCH-016", unknown.Error?.Code);
        var policies = (await harness.KeyStore.GetPoliciesAsync(Ct)).ToDictionary(p => p.AppId);
        Assert.Equal(new KeyPolicy("IDA", 400, 20, true, "NA"), policies["IDA"]);
        Assert.False(policies.ContainsKey("IDA_TYPO"));
        Assert.Null(await harness.Directory.FindAsync("unknown-partner", Ct));
    }

    [Fact]
    public async Task A_CA_already_in_the_domain_is_fine_and_a_second_partner_under_it_is_onboarded()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var pki = new PartnerPki("shared");
        Assert.True((await harness.Onboarding.OnboardAsync(pki.Request("first"), "operator", Ct)).IsSuccess);

        var second = await harness.Onboarding.OnboardAsync(pki.Request("second"), "operator", Ct);
        Assert.True(second.IsSuccess, second.Error?.Message);
        Assert.Equal(2, harness.Partners.Count);
    }

    [Fact]
    public async Task Nothing_is_written_when_the_CSR_is_bad_or_the_certificates_do_not_chain_to_the_uploaded_CA()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var pki = new PartnerPki("refused");

        Assert.Equal(ChannelErrors.InvalidCsr.Code, (await harness.Onboarding.OnboardAsync(pki.Request("p1", Csrs.WithoutProofOfPossession()), "operator", Ct)).Error!.Code);
        Assert.Equal(ChannelErrors.InvalidCsr.Code, (await harness.Onboarding.OnboardAsync(pki.Request("p1", Csrs.Rsa(1024)), "operator", Ct)).Error!.Code);

        // Attack: a signature certificate from another CA, handed in with this partner's CA.
        var other = new PartnerPki("other");
        var mixed = pki.Request("p1") with { SigningCertificate = TestPki.Pem(other.Signing) };
        Assert.Equal(ChannelErrors.NotIssuedByPartnerCa.Code, (await harness.Onboarding.OnboardAsync(mixed, "operator", Ct)).Error!.Code);

        Assert.Equal(ChannelErrors.InvalidPartner.Code, (await harness.Onboarding.OnboardAsync(pki.Request("bad id"), "operator", Ct)).Error!.Code);
        Assert.Equal(TrustErrors.InvalidPartnerDomain.Code, (await harness.Onboarding.OnboardAsync(pki.Request("p1", domain: "MISP"), "operator", Ct)).Error!.Code);
        Assert.Equal(TrustErrors.InvalidCertificate.Code, (await harness.Onboarding.OnboardAsync(pki.Request("p1") with { CaCertificates = "junk" }, "operator", Ct)).Error!.Code);

        Assert.Empty(harness.Trust.CaRows);
        Assert.Equal(0, harness.Partners.Count);
        Assert.Null(await harness.Directory.FindAsync("p1", Ct));
    }

    [Fact]
    public async Task A_failure_after_the_uploads_leaves_no_partner()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var pki = new PartnerPki("late");

        // The encryption certificate names another organisation: the partner upload refuses it after the CA and the
        // signature certificate went in.
        pki.Encryption = TestPki.Leaf(pki.Ca, "late encryption", "Another Org");
        var refused = await harness.Onboarding.OnboardAsync(pki.Request("late-partner"), "operator", Ct);
        Assert.Equal(TrustErrors.PartnerOrganizationNotMatched.Code, refused.Error!.Code);
        Assert.Null(await harness.Directory.FindAsync("late-partner", Ct));

        // The database fails on the last write: the exception surfaces, still no partner.
        var good = new PartnerPki("late2");
        harness.Partners.FailNextInsert = new InvalidOperationException("database gone");
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Onboarding.OnboardAsync(good.Request("late-partner"), "operator", Ct));
        Assert.Null(await harness.Directory.FindAsync("late-partner", Ct));

        // A retry with the same material succeeds: what the first attempt left in the trust store is accepted again.
        Assert.True((await harness.Onboarding.OnboardAsync(good.Request("late-partner"), "operator", Ct)).IsSuccess);
    }

    [Fact]
    public async Task An_onboarded_id_is_not_taken_twice_and_a_revoked_partner_is_refused_everywhere()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var pki = new PartnerPki("revoked");
        await harness.Onboarding.OnboardAsync(pki.Request("rev-partner"), "operator", Ct);
        Assert.Equal(ChannelErrors.PartnerExists.Code, (await harness.Onboarding.OnboardAsync(pki.Request("rev-partner"), "operator", Ct)).Error!.Code);

        var revoked = await harness.Onboarding.RevokeAsync("rev-partner", "key compromise", "operator", Ct);
        Assert.Equal(("REVOKED", "key compromise"), (revoked.Value.Status, revoked.Value.RevocationReason));

        // The directory reads the row on every lookup: the next request sees the revocation.
        Assert.Equal(ChannelPartnerState.Revoked, (await harness.Directory.FindAsync("rev-partner", Ct))!.State);
        Assert.Equal(ChannelErrors.PartnerRevoked.Code, (await harness.Onboarding.RenewAsync("rev-partner", Csrs.Rsa(), "operator", Ct)).Error!.Code);
        Assert.Equal(ChannelErrors.PartnerRevoked.Code, (await harness.Onboarding.RevokeAsync("rev-partner", "again", "operator", Ct)).Error!.Code);
        Assert.Equal(ChannelErrors.PartnerRevoked.Code, (await harness.Onboarding.OnboardAsync(pki.Request("rev-partner"), "operator", Ct)).Error!.Code);
        Assert.Equal(ChannelErrors.PartnerNotFound.Code, (await harness.Onboarding.RevokeAsync("nobody", null, "operator", Ct)).Error!.Code);
        Assert.Equal(ChannelErrors.PartnerNotFound.Code, (await harness.Onboarding.GetAsync("nobody", Ct)).Error!.Code);
    }

    [Fact]
    public async Task Renewal_keeps_the_previous_serial_accepted_until_that_certificate_expires()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var pki = new PartnerPki("renewal");
        var first = await harness.Onboarding.OnboardAsync(pki.Request("renewing"), "operator", Ct);
        var firstLeaf = Certificates(first.Value.TlsChain)[0];

        harness.Time.Advance(TimeSpan.FromDays(25));
        var renewed = await harness.Onboarding.RenewAsync("renewing", Csrs.Rsa(), "operator", Ct);
        Assert.True(renewed.IsSuccess, renewed.Error?.Message);
        var secondLeaf = Certificates(renewed.Value.TlsChain)[0];
        Assert.Equal([secondLeaf.SerialNumber, firstLeaf.SerialNumber], (await harness.Directory.FindAsync("renewing", Ct))!.TlsCertificateSerials);
        Assert.True(secondLeaf.NotAfter > firstLeaf.NotAfter);

        // Past the first certificate's end only the new serial is accepted.
        harness.Time.SetUtcNow(new DateTimeOffset(firstLeaf.NotAfter.ToUniversalTime()).AddSeconds(1));
        Assert.Equal([secondLeaf.SerialNumber], (await harness.Directory.FindAsync("renewing", Ct))!.TlsCertificateSerials);
        Assert.Equal(ChannelErrors.InvalidCsr.Code, (await harness.Onboarding.RenewAsync("renewing", "junk", "operator", Ct)).Error!.Code);
        Assert.Single(await harness.Onboarding.ListAsync(Ct));
    }

    private static List<X509Certificate2> Certificates(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection];
    }
}
