using Kavach.Trust.Paths;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Paths;

public sealed class TrustPathTests
{
    private readonly TrustHarness _trust = new();

    [Fact]
    public async Task A_leaf_under_an_uploaded_root_and_intermediate_is_trusted_with_its_path()
    {
        var (root, inter) = await UploadHierarchyAsync("AUTH");
        var leaf = TestPki.Leaf(inter, "path-leaf");

        var evaluation = await _trust.Paths.EvaluateAsync(leaf, "AUTH", default);
        Assert.Equal(TrustVerdict.Trusted, evaluation.Verdict);
        Assert.Equal([leaf.Thumbprint, inter.Thumbprint, root.Thumbprint], evaluation.Path.Select(c => c.Thumbprint));
        Assert.Equal(inter.Thumbprint.ToLowerInvariant(), evaluation.Issuer!.Thumbprint);
        Assert.Null(evaluation.Reason);
    }

    [Fact]
    public async Task Trust_is_per_domain_and_an_unknown_domain_trusts_nothing()
    {
        var (_, inter) = await UploadHierarchyAsync("AUTH");
        var leaf = TestPki.Leaf(inter, "domain-leaf");

        Assert.Equal(TrustVerdict.NoTrustPath, (await _trust.Paths.EvaluateAsync(leaf, "DEVICE", default)).Verdict);
        Assert.True(await _trust.Verifier.IsTrustedAsync(leaf, [], "auth", default));
        Assert.False(await _trust.Verifier.IsTrustedAsync(leaf, [], "DEVICE", default));
        Assert.False(await _trust.Verifier.IsTrustedAsync(leaf, [], "NOPE", default));
    }

    [Fact]
    public async Task Intermediates_that_the_caller_brings_do_not_count()
    {
        var root = TestPki.Root("x5c-root");
        Assert.Equal("Upload Success.", (await _trust.CaUploads.UploadAsync(TestPki.Pem(root), "AUTH", "test", default)).Value);
        var inter = TestPki.Intermediate(root, "x5c-inter");
        var leaf = TestPki.Leaf(inter, "x5c-leaf");

        // Only certificates uploaded to the domain make a path; a token's x5c cannot add any.
        Assert.False(await _trust.Verifier.IsTrustedAsync(leaf, [inter], "AUTH", default));
    }

    [Fact]
    public async Task Expired_and_unknown_certificates_say_why()
    {
        var (_, inter) = await UploadHierarchyAsync("AUTH");
        var expired = TestPki.Issue(inter, "CN=expired,O=Partner Org", false, TestPki.Now.AddDays(-30), TestPki.Now.AddDays(-1));
        var stranger = TestPki.Leaf(TestPki.Root("stranger-root"), "stranger");

        var old = await _trust.Paths.EvaluateAsync(expired, "AUTH", default);
        Assert.Equal(TrustVerdict.NotTimeValid, old.Verdict);
        Assert.Equal("NOT_TIME_VALID", old.Reason);
        Assert.Equal("NO_TRUST_PATH", (await _trust.Paths.EvaluateAsync(stranger, "AUTH", default)).Reason);
    }

    [Fact]
    public async Task Validity_is_judged_at_the_injected_clock_not_the_machines()
    {
        var (_, inter) = await UploadHierarchyAsync("TRUST_CA");
        var leaf = TestPki.Leaf(inter, "clock-leaf", days: 10);
        Assert.True((await _trust.Paths.EvaluateAsync(leaf, "TRUST_CA", default)).IsTrusted);

        // The remembered path is only reused while every certificate on it is valid.
        _trust.Time.Advance(TimeSpan.FromDays(11));
        Assert.Equal(TrustVerdict.NotTimeValid, (await _trust.Paths.EvaluateAsync(leaf, "TRUST_CA", default)).Verdict);
    }

    [Fact]
    public async Task A_CRL_revokes_a_leaf_and_an_intermediate_at_once()
    {
        var (root, inter) = await UploadHierarchyAsync("DEVICE");
        var leaf = TestPki.Leaf(inter, "crl-leaf");
        var other = TestPki.Leaf(inter, "crl-other");
        Assert.True((await _trust.Paths.EvaluateAsync(leaf, "DEVICE", default)).IsTrusted);

        var stored = await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(inter, [leaf])), "DEVICE", "test", default);
        Assert.True(stored.IsSuccess, stored.Error?.Message);
        Assert.Equal(["DEVICE"], stored.Value.Domains);
        var revoked = await _trust.Paths.EvaluateAsync(leaf, "DEVICE", default);
        Assert.Equal(TrustVerdict.Revoked, revoked.Verdict);
        Assert.Equal("CN=crl-leaf,O=Partner Org,C=IN", revoked.RevokedSubject);
        Assert.True((await _trust.Paths.EvaluateAsync(other, "DEVICE", default)).IsTrusted);

        // The root revokes the intermediate: everything under it stops validating.
        Assert.True((await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(root, [inter])), null, "test", default)).IsSuccess);
        Assert.Equal(TrustVerdict.Revoked, (await _trust.Paths.EvaluateAsync(other, "DEVICE", default)).Verdict);
    }

    [Fact]
    public async Task CRL_uploads_are_checked()
    {
        var (root, inter) = await UploadHierarchyAsync("FTM");
        var leaf = TestPki.Leaf(inter, "check-leaf");
        var impostor = TestPki.Root("crl-root-FTM");

        Assert.Equal("KER-PCM-102", (await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(TestPki.Root("unknown ca"), [])), null, "t", default)).Error!.Code);
        Assert.Equal("KER-PCM-102", (await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(inter, [leaf])), "AUTH", "t", default)).Error!.Code);
        Assert.Equal("KER-PCM-103", (await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(impostor, [leaf])), null, "t", default)).Error!.Code);
        Assert.Equal("KER-PCM-011", (await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(inter, [leaf])), "NOPE", "t", default)).Error!.Code);

        Assert.True((await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(inter, [leaf], TestPki.Now.AddHours(-1), 2)), null, "t", default)).IsSuccess);
        var older = await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(inter, [], TestPki.Now.AddHours(-5), 1)), null, "t", default);
        Assert.Equal("KER-PCM-104", older.Error!.Code);
        Assert.Equal(TrustVerdict.Revoked, (await _trust.Paths.EvaluateAsync(leaf, "FTM", default)).Verdict);
        Assert.NotNull(root);
    }

    [Fact]
    public async Task Another_replica_sees_uploads_and_CRLs_at_once()
    {
        var replica = _trust.Replica();
        var root = TestPki.Root("replica-root");
        var leaf = TestPki.Leaf(root, "replica-leaf");
        Assert.False((await replica.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);

        await _trust.CaUploads.UploadAsync(TestPki.Pem(root), "AUTH", "test", default);
        Assert.True((await replica.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);

        await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(root, [leaf])), null, "test", default);
        Assert.Equal(TrustVerdict.Revoked, (await replica.Paths.EvaluateAsync(leaf, "AUTH", default)).Verdict);
    }

    [Fact]
    public async Task With_a_recheck_interval_the_database_is_asked_once_per_interval()
    {
        var options = new TrustOptions { CacheRecheckInterval = TimeSpan.FromSeconds(5) };
        var writer = new TrustHarness(options: options);
        var reader = new TrustHarness(writer.Repository, writer.Time, options);
        var root = TestPki.Root("interval-root");
        var leaf = TestPki.Leaf(root, "interval-leaf");
        Assert.False((await reader.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);

        await writer.CaUploads.UploadAsync(TestPki.Pem(root), "AUTH", "test", default);
        var reads = writer.Repository.VersionReads;
        Assert.False((await reader.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);
        Assert.Equal(reads, writer.Repository.VersionReads);

        writer.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.True((await reader.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);
    }

    [Fact]
    public async Task A_CA_row_edited_behind_our_back_is_not_trusted()
    {
        var root = TestPki.Root("edited-root");
        var leaf = TestPki.Leaf(root, "edited-leaf");
        await _trust.CaUploads.UploadAsync(TestPki.Pem(root), "AUTH", "test", default);
        Assert.True((await _trust.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);

        var row = _trust.Repository.CaRows.Single(r => r.Subject.StartsWith("CN=edited-root", StringComparison.Ordinal));
        _trust.Repository.Replace(row, row with { CertificatePem = TestPki.Pem(TestPki.Root("edited-root")) });
        Assert.False((await _trust.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);
    }

    [Fact]
    public async Task A_CRL_row_that_no_longer_verifies_fails_closed()
    {
        var root = TestPki.Root("tampered-crl-root");
        var leaf = TestPki.Leaf(root, "tampered-crl-leaf");
        await _trust.CaUploads.UploadAsync(TestPki.Pem(root), "AUTH", "test", default);
        Assert.True((await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(root, [])), null, "test", default)).IsSuccess);
        Assert.True((await _trust.Paths.EvaluateAsync(leaf, "AUTH", default)).IsTrusted);

        var keyHash = Kavach.Trust.Certificates.CertificateFacts.KeyHash(root);
        var forged = TestPki.CrlPem(TestPki.Crl(TestPki.Root("tampered-crl-root"), []));
        _trust.Repository.ReplaceCrl(keyHash, crl => crl with { CrlPem = forged }, "AUTH");
        Assert.Equal(TrustVerdict.NoTrustPath, (await _trust.Paths.EvaluateAsync(leaf, "AUTH", default)).Verdict);
    }

    [Fact]
    public async Task Inventory_lists_every_domain_with_verdicts()
    {
        var (root, inter) = await UploadHierarchyAsync("TRUST_CA");
        await _trust.Crls.UploadAsync(TestPki.CrlPem(TestPki.Crl(root, [inter])), null, "test", default);

        var entries = await _trust.Inventory.ListAsync(null, default);
        Assert.Equal(TrustVerdict.Trusted, entries.Single(e => string.Equals(e.Record.Thumbprint, root.Thumbprint, StringComparison.OrdinalIgnoreCase)).Verdict);
        Assert.Equal(TrustVerdict.Revoked, entries.Single(e => string.Equals(e.Record.Thumbprint, inter.Thumbprint, StringComparison.OrdinalIgnoreCase)).Verdict);
    }

    private async Task<(System.Security.Cryptography.X509Certificates.X509Certificate2 Root, System.Security.Cryptography.X509Certificates.X509Certificate2 Intermediate)> UploadHierarchyAsync(string domain)
    {
        var root = TestPki.Root($"crl-root-{domain}");
        var inter = TestPki.Intermediate(root, $"crl-inter-{domain}");
        var status = await _trust.CaUploads.UploadAsync(TestPki.Pem(inter) + TestPki.Pem(root), domain, "test", default);
        Assert.Equal("Upload Success.", status.Value);
        return (root, inter);
    }
}
