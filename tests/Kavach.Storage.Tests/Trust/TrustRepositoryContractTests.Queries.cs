using Kavach.Trust.Storage;

namespace Kavach.Storage.Tests.Trust;

/// <content>getCaCertificates: filters, paging, sorting, and input that must never become SQL.</content>
public abstract partial class TrustRepositoryContractTests
{
    [Fact]
    public async Task Filters_match_type_domain_text_and_days()
    {
        var domain = NewDomain();
        var root = Ca(domain, "CN=Alpha Root,O=Acme 100%_Sure,C=IN", uploadedAt: Now.AddDays(-3), notBefore: Now.AddDays(-10), notAfter: Now.AddDays(20));
        var inter = Ca(domain, "CN=Beta Inter,O=Acme,C=IN", type: CaCertificateRecord.Intermediate, uploadedAt: Now, notBefore: Now.AddDays(-2), notAfter: Now.AddDays(400));
        await Repository.InsertCaCertificateAsync(root, Ct);
        await Repository.InsertCaCertificateAsync(inter, Ct);
        await Repository.InsertCaCertificateAsync(Ca(NewDomain(), "CN=Alpha Root,O=Acme 100%_Sure,C=IN"), Ct);

        async Task<IReadOnlyList<string>> Ids(CaCertificateQuery query) =>
            (await Repository.QueryCaCertificatesAsync(query with { PartnerDomain = domain, PageSize = 50 }, Ct)).Items.Select(r => r.CertId).ToList();

        Assert.Equal([inter.CertId], await Ids(new CaCertificateQuery { CaCertificateType = CaCertificateRecord.Intermediate }));
        Assert.Equal([root.CertId], await Ids(new CaCertificateQuery { IssuedToContains = "alpha" }));
        Assert.Equal([root.CertId], await Ids(new CaCertificateQuery { IssuedToContains = "100%_s" }));
        Assert.Empty(await Ids(new CaCertificateQuery { IssuedToContains = "%" + "Beta" + "_" }));
        Assert.Equal(2, (await Ids(new CaCertificateQuery { IssuedByContains = "ISSUER" })).Count);
        Assert.Equal([inter.CertId], await Ids(new CaCertificateQuery { CertIdContains = inter.CertId[..8].ToUpperInvariant() }));
        Assert.Equal([root.CertId], await Ids(new CaCertificateQuery { ValidFromDay = DateOnly.FromDateTime(Now.AddDays(-10)) }));
        Assert.Equal([inter.CertId], await Ids(new CaCertificateQuery { ValidTillDay = DateOnly.FromDateTime(Now.AddDays(400)) }));
        Assert.Equal([root.CertId], await Ids(new CaCertificateQuery { UploadDay = DateOnly.FromDateTime(Now.AddDays(-3)) }));
        var today = DateOnly.FromDateTime(Now);
        Assert.Equal([root.CertId], await Ids(new CaCertificateQuery { ExpiringFromDay = today, ExpiringUntilDay = today.AddDays(30) }));
        Assert.Equal([inter.CertId], await Ids(new CaCertificateQuery { ExcludedThumbprints = [root.Thumbprint, "nothing"] }));
    }

    [Fact]
    public async Task Pages_and_sorts_on_every_whitelisted_field()
    {
        var domain = NewDomain();
        var rows = Enumerable.Range(0, 7)
            .Select(i => Ca(domain, $"CN=Sorted {(char)('G' - i)},O=Org", uploadedAt: Now.AddMinutes(i), notAfter: Now.AddDays(100 + i)))
            .ToList();
        foreach (var row in rows)
        {
            await Repository.InsertCaCertificateAsync(row, Ct);
        }

        var page = await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = domain, PageNumber = 2, PageSize = 3 }, Ct);
        Assert.Equal(7, page.TotalRecords);
        Assert.Equal(rows.Skip(3).Take(3).Select(r => r.CertId), page.Items.Select(r => r.CertId));

        var bySubject = await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = domain, SortField = CaCertificateSortField.CertSubject, PageSize = 10 }, Ct);
        Assert.Equal(rows.OrderBy(r => r.Subject, StringComparer.Ordinal).Select(r => r.CertId), bySubject.Items.Select(r => r.CertId));
        var byExpiryDesc = await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = domain, SortField = CaCertificateSortField.CertNotAfter, Descending = true, PageSize = 10 }, Ct);
        Assert.Equal(rows.OrderByDescending(r => r.NotAfter).Select(r => r.CertId), byExpiryDesc.Items.Select(r => r.CertId));

        foreach (var field in Enum.GetValues<CaCertificateSortField>())
        {
            foreach (var descending in new[] { false, true })
            {
                var sorted = await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = domain, SortField = field, Descending = descending, PageSize = 4 }, Ct);
                Assert.Equal(4, sorted.Items.Count);
            }
        }

        var beyond = await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = domain, PageNumber = 100, PageSize = 10 }, Ct);
        Assert.Equal(7, beyond.TotalRecords);
        Assert.Empty(beyond.Items);
    }

    [Fact]
    public async Task Text_that_looks_like_SQL_stays_a_value()
    {
        var domain = NewDomain();
        await Repository.InsertCaCertificateAsync(Ca(domain), Ct);
        var hostile = "x' OR '1'='1'; DROP TABLE ca_cert_store; --";

        var page = await Repository.QueryCaCertificatesAsync(
            new CaCertificateQuery { PartnerDomain = domain, IssuedToContains = hostile, IssuedByContains = hostile, CertIdContains = hostile, ExcludedThumbprints = [hostile] },
            Ct);
        Assert.Equal(0, page.TotalRecords);
        Assert.Equal(0, (await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = hostile }, Ct)).TotalRecords);
        Assert.Single(await Repository.GetCaCertificatesAsync(domain, Ct));
        Assert.False(await Repository.CaCertificateExistsAsync(hostile, hostile, Ct));
    }
}
