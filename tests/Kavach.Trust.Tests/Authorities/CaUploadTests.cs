using Kavach.Crypto;
using Kavach.Trust.Certificates;
using Kavach.Trust.Storage;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Authorities;

public sealed class CaUploadTests
{
    private readonly TrustHarness _trust = new();

    [Fact]
    public async Task A_root_then_an_intermediate_are_stored_with_types_and_issuer_ids()
    {
        var root = TestPki.Root("store-root");
        var inter = TestPki.Intermediate(root, "store-inter");
        Assert.Equal("Upload Success.", (await Upload(root, "auth")).Value);
        Assert.Equal("Upload Success.", (await Upload(inter, "AUTH")).Value);

        var rows = _trust.Repository.CaRows;
        var rootRow = rows.Single(r => r.Thumbprint == CertificateFacts.Thumbprint(root));
        var interRow = rows.Single(r => r.Thumbprint == CertificateFacts.Thumbprint(inter));
        Assert.Equal(CaCertificateRecord.Root, rootRow.CaCertificateType);
        Assert.Equal(rootRow.CertId, rootRow.IssuerId);
        Assert.Equal("AUTH", rootRow.PartnerDomain);
        Assert.Equal(CaCertificateRecord.Intermediate, interRow.CaCertificateType);
        Assert.Equal(rootRow.CertId, interRow.IssuerId);
        Assert.Equal("CN=store-inter,O=Test CA,C=IN", interRow.Subject);
        Assert.Equal("CN=store-root,O=Test CA,C=IN", interRow.Issuer);
    }

    [Fact]
    public async Task Each_check_of_a_single_certificate_gives_its_code()
    {
        var root = TestPki.Root("codes-root");
        await Upload(root, "AUTH");
        var now = TestPki.Now;

        Assert.Equal("KER-PCM-003", (await Upload(root, "AUTH")).Error!.Code);
        Assert.Equal("KER-PMS-020", (await Upload(TestPki.Issue(root, "CN=future", true, now.AddDays(2), now.AddDays(900)), "AUTH")).Error!.Code);
        Assert.Equal("KER-PCM-004", (await Upload(TestPki.Issue(root, "CN=expired", true, now.AddDays(-900), now.AddDays(-1)), "AUTH")).Error!.Code);
        var tooShort = (await Upload(TestPki.Issue(root, "CN=short", true, now.AddDays(-1), now.AddMonths(11)), "AUTH")).Error!;
        Assert.Equal("KER-PCM-017", tooShort.Code);
        Assert.StartsWith("The CA Certificate validity is less than required minimum validity. A CA certificate must remain valid for at least 12 months", tooShort.Message, StringComparison.Ordinal);
        Assert.Equal("KER-PCM-005", (await Upload(TestPki.Intermediate(TestPki.Root("absent root"), "orphan"), "AUTH")).Error!.Code);
        var badDomain = (await Upload(TestPki.Root("bad domain"), "MISP")).Error!;
        Assert.Equal("KER-PCM-011", badDomain.Code);
        Assert.Equal("Invalid Partner Domain. Allowed domains: AUTH, DEVICE, FTM, TRUST_CA.", badDomain.Message);
        Assert.Equal("KER-PCM-001", (await _trust.CaUploads.UploadAsync("junk", "AUTH", "test", default)).Error!.Code);

        // The same certificate may live in several domains.
        Assert.Equal("Upload Success.", (await Upload(root, "DEVICE")).Value);
    }

    [Fact]
    public async Task A_bundle_in_any_order_is_stored_root_first()
    {
        var root = TestPki.Root("any-order-root");
        var inter = TestPki.Intermediate(root, "any-order-inter");
        var sub = TestPki.Intermediate(inter, "any-order-sub");
        var bundle = Base64Url.EncodeStandard(CertsOnlyPkcs7.Encode([root, sub, inter]));

        Assert.Equal("Upload Success.", (await _trust.CaUploads.UploadAsync(bundle, "AUTH", "test", default)).Value);
        Assert.Equal(3, _trust.Repository.CaRows.Count);
    }

    [Fact]
    public async Task Partial_success_is_reported_whichever_certificate_failed()
    {
        var root = TestPki.Root("partial-root");
        var inter = TestPki.Intermediate(root, "partial-inter");
        await Upload(root, "AUTH");

        // MOSIP overwrites its error flag per certificate: the duplicate root (first) would be forgotten once the
        // intermediate (last) succeeds, and it would say "Upload Success.".
        var bundle = Base64Url.Encode(CertsOnlyPkcs7.Encode([inter, root]));
        Assert.Equal("Partial Upload Success.", (await _trust.CaUploads.UploadAsync(bundle, "AUTH", "test", default)).Value);
        Assert.Equal("Upload Failed.", (await _trust.CaUploads.UploadAsync(bundle, "AUTH", "test", default)).Value);
    }

    private Task<Kavach.Keys.Errors.Result<string>> Upload(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string domain) =>
        _trust.CaUploads.UploadAsync(TestPki.Pem(certificate), domain, "test", default);
}
