using Kavach.Testing;

namespace Kavach.Server.Tests.Trust.Pki;

/// <summary>
/// A partner's PKI made once per test run with the openssl command: a root, an issuing CA, CA certificates that
/// break each CA-upload rule, and partner certificates that break each partner-upload rule, plus CRLs revoking one
/// partner certificate and one withdrawn issuing CA. Every database gets the same PKI; uploads are per server.
/// </summary>
public sealed class PartnerPki
{
    /// <summary>The organisation of the partner certificates.</summary>
    public const string Organization = "Partner Org";

    private static readonly Lazy<Task<PartnerPki>> SharedPki = new(CreateAsync);

    private PartnerPki()
    {
    }

    /// <summary>The PKI of this test run.</summary>
    public static Task<PartnerPki> SharedAsync() => SharedPki.Value;

    public OpenSslCa Root { get; private set; } = null!;

    public OpenSslCa Issuing { get; private set; } = null!;

    /// <summary>An issuing CA the root later revokes.</summary>
    public OpenSslCa Withdrawn { get; private set; } = null!;

    public string FutureCa { get; private set; } = string.Empty;

    public string ExpiredCa { get; private set; } = string.Empty;

    public string ShortCa { get; private set; } = string.Empty;

    public string Version1Ca { get; private set; } = string.Empty;

    /// <summary>An issuing CA whose root is never uploaded.</summary>
    public string OrphanCa { get; private set; } = string.Empty;

    public IssuedCertificate Good { get; private set; } = null!;

    /// <summary>The partner whose key signs JWS in the onboarding test.</summary>
    public IssuedCertificate Signer { get; private set; } = null!;

    public IssuedCertificate Revoked { get; private set; } = null!;

    public IssuedCertificate UnderWithdrawn { get; private set; } = null!;

    public IssuedCertificate Expired { get; private set; } = null!;

    public IssuedCertificate Future { get; private set; } = null!;

    public IssuedCertificate Short { get; private set; } = null!;

    public IssuedCertificate Weak { get; private set; } = null!;

    public IssuedCertificate Sha1 { get; private set; } = null!;

    public IssuedCertificate Version1 { get; private set; } = null!;

    public IssuedCertificate SelfSigned { get; private set; } = null!;

    /// <summary>The issuing CA's CRL, listing <see cref="Revoked"/>.</summary>
    public string IssuingCrl { get; private set; } = string.Empty;

    /// <summary>The root's CRL, listing <see cref="Withdrawn"/>.</summary>
    public string RootCrl { get; private set; } = string.Empty;

    private static async Task<PartnerPki> CreateAsync()
    {
        var dir = new TempDirectory("kavach-pki");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        var pki = new PartnerPki();
        const string o = "/C=IN/O=" + Organization;

        var root = await OpenSslCa.CreateRootAsync(dir.Path, "root", "/C=IN/O=Partner Trust/CN=Kavach Test Partner Root");
        pki.Root = root;
        pki.Issuing = await root.CreateIntermediateAsync("issuing", "/C=IN/O=Partner Trust/CN=Partner Issuing CA");
        pki.Withdrawn = await root.CreateIntermediateAsync("withdrawn", "/C=IN/O=Partner Trust/CN=Withdrawn Issuing CA");
        pki.FutureCa = (await root.IssueAsync("future-ca", "/C=IN/O=Partner Trust/CN=Future CA", new IssueOptions { StartDays = 3, Days = 900, Profile = "v3_ca" })).CertificatePem;
        pki.ExpiredCa = (await root.IssueAsync("expired-ca", "/C=IN/O=Partner Trust/CN=Expired CA", new IssueOptions { StartDays = -900, Days = 899, Profile = "v3_ca" })).CertificatePem;
        pki.ShortCa = (await root.IssueAsync("short-ca", "/C=IN/O=Partner Trust/CN=Short CA", new IssueOptions { Days = 180, Profile = "v3_ca" })).CertificatePem;
        pki.Version1Ca = (await root.IssueAsync("v1-ca", "/C=IN/O=Partner Trust/CN=Version 1 CA", new IssueOptions { Days = 900, Profile = null })).CertificatePem;
        var stranger = await OpenSslCa.CreateRootAsync(dir.Path, "stranger", "/C=IN/O=Elsewhere/CN=Unuploaded Root");
        pki.OrphanCa = (await stranger.IssueAsync("orphan-ca", "/C=IN/O=Elsewhere/CN=Orphan CA", new IssueOptions { Days = 900, Profile = "v3_ca" })).CertificatePem;

        var issuing = pki.Issuing;
        pki.Good = await issuing.IssueAsync("good", o + "/CN=partner-good");
        pki.Signer = await issuing.IssueAsync("signer", o + "/CN=partner-signer");
        pki.Revoked = await issuing.IssueAsync("revoked", o + "/CN=partner-revoked");
        pki.Expired = await issuing.IssueAsync("expired", o + "/CN=partner-expired", new IssueOptions { StartDays = -400, Days = 399 });
        pki.Future = await issuing.IssueAsync("future", o + "/CN=partner-future", new IssueOptions { StartDays = 2, Days = 400 });
        pki.Short = await issuing.IssueAsync("short", o + "/CN=partner-short", new IssueOptions { Days = 100 });
        pki.Weak = await issuing.IssueAsync("weak", o + "/CN=partner-weak", new IssueOptions { Bits = 1024 });
        pki.Sha1 = await issuing.IssueAsync("sha1", o + "/CN=partner-sha1", new IssueOptions { Digest = "sha1" });
        pki.Version1 = await issuing.IssueAsync("v1", o + "/CN=partner-v1", new IssueOptions { Profile = null });
        pki.UnderWithdrawn = await pki.Withdrawn.IssueAsync("under-withdrawn", o + "/CN=partner-under-withdrawn");
        pki.SelfSigned = await OpenSslCa.SelfSignedAsync(dir.Path, "self", o + "/CN=partner-self-signed");

        await issuing.RevokeAsync(pki.Revoked);
        pki.IssuingCrl = await issuing.CrlAsync();
        await root.RevokeAsync(new IssuedCertificate(pki.Withdrawn.CertificatePem, string.Empty, Path.Combine(dir.Path, "root", "withdrawn.pem"), string.Empty));
        pki.RootCrl = await root.CrlAsync();
        return pki;
    }
}
