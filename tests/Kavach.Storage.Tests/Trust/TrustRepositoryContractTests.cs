using Microsoft.Extensions.Time.Testing;
using System.Data.Common;
using System.Security.Cryptography;
using Kavach.Testing;
using Kavach.Trust.Storage;

namespace Kavach.Storage.Tests.Trust;

/// <summary>
/// What every <see cref="ITrustRepository"/> must do, run on SQLite and PostgreSQL by a subclass. A subclass's tests
/// share one database, so every test works in partner domains of its own.
/// </summary>
public abstract partial class TrustRepositoryContractTests : IAsyncLifetime
{
    protected static readonly DateTime Now = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

    private IKavachStore? _store;
    private StoreOptions? _options;

    protected ITrustRepository Repository { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        var options = await CreateOptionsAsync();
        _options = options;

        // The trust repository is the store itself; its first use applies the migrations its tables come from.
        _store = KeyStores.Create(options, new FakeTimeProvider(new DateTimeOffset(Now)));
        Repository = _store;
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>Another store on the same database (its own connection pool): a second replica.</summary>
    protected IKavachStore OpenReplica() => KeyStores.Create(_options!, new FakeTimeProvider(new DateTimeOffset(Now)));

    protected abstract Task<StoreOptions> CreateOptionsAsync();

    protected abstract DbConnection CreateRawConnection();

    protected abstract string Table(string name);

    protected static string NewDomain() => "D" + RandomNumberGenerator.GetHexString(12);

    protected static CaCertificateRecord Ca(string domain, string subject = "CN=Root,O=Org,C=IN", string? thumbprint = null, string type = CaCertificateRecord.Root, DateTime? uploadedAt = null, DateTime? notBefore = null, DateTime? notAfter = null)
    {
        var id = Guid.NewGuid().ToString();
        return new CaCertificateRecord(
            id,
            subject,
            "CN=Issuer,O=Org,C=IN",
            id,
            notBefore ?? Now.AddDays(-1),
            notAfter ?? Now.AddDays(365),
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            thumbprint ?? RandomNumberGenerator.GetHexString(40, lowercase: true),
            "1234567890123456789",
            domain,
            type,
            uploadedAt ?? Now,
            "tester");
    }

    protected async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_CA_certificate_round_trips_and_bumps_its_domains_version_only()
    {
        var domain = NewDomain();
        var other = NewDomain();
        Assert.Equal(0, await Repository.GetDomainVersionAsync(domain, Ct));

        var record = Ca(domain);
        Assert.True(await Repository.InsertCaCertificateAsync(record, Ct));
        Assert.Equal(1, await Repository.GetDomainVersionAsync(domain, Ct));
        Assert.Equal(0, await Repository.GetDomainVersionAsync(other, Ct));

        var expected = record with
        {
            NotBefore = Truncated(record.NotBefore),
            NotAfter = Truncated(record.NotAfter),
            UploadedAt = Truncated(record.UploadedAt),
        };
        Assert.Equal(expected, Assert.Single(await Repository.GetCaCertificatesAsync(domain, Ct)));
        Assert.Equal(expected, await Repository.GetCaCertificateAsync(record.CertId, Ct));
        Assert.Contains(expected, await Repository.FindCaCertificatesBySubjectAsync(record.Subject, Ct));
        Assert.True(await Repository.CaCertificateExistsAsync(record.Thumbprint, domain, Ct));
        Assert.False(await Repository.CaCertificateExistsAsync(record.Thumbprint, other, Ct));
        Assert.Null(await Repository.GetCaCertificateAsync(Guid.NewGuid().ToString(), Ct));
        Assert.Equal(DateTimeKind.Utc, expected.UploadedAt.Kind);
    }

    [Fact]
    public async Task The_database_refuses_a_second_thumbprint_in_a_domain_even_under_a_race()
    {
        var domain = NewDomain();
        var thumbprint = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Repository.InsertCaCertificateAsync(Ca(domain, thumbprint: thumbprint), Ct))));

        Assert.Equal(1, results.Count(inserted => inserted));
        Assert.Single(await Repository.GetCaCertificatesAsync(domain, Ct));
        Assert.Equal(1, await Repository.GetDomainVersionAsync(domain, Ct));

        // The same certificate in another domain is another row.
        Assert.True(await Repository.InsertCaCertificateAsync(Ca(NewDomain(), thumbprint: thumbprint), Ct));
    }

    [Fact]
    public async Task Soft_deleted_CA_rows_are_not_read()
    {
        var domain = NewDomain();
        var record = Ca(domain);
        await Repository.InsertCaCertificateAsync(record, Ct);
        await ExecuteAsync($"UPDATE {Table("ca_cert_store")} SET is_deleted = TRUE WHERE cert_id = @id", ("@id", record.CertId));

        Assert.Empty(await Repository.GetCaCertificatesAsync(domain, Ct));
        Assert.Null(await Repository.GetCaCertificateAsync(record.CertId, Ct));
        Assert.Equal(0, (await Repository.QueryCaCertificatesAsync(new CaCertificateQuery { PartnerDomain = domain }, Ct)).TotalRecords);
    }

    [Fact]
    public async Task Partner_certificates_round_trip_and_renewals_add_rows()
    {
        var domain = NewDomain();
        var record = new PartnerCertificateRecord(
            Guid.NewGuid().ToString(), "CN=p,O=Org", "CN=ca,O=Org", Guid.NewGuid().ToString(), Now.AddDays(-1), Now.AddDays(400), domain,
            "original pem", "re-signed pem", string.Empty, "Org", RandomNumberGenerator.GetHexString(40, lowercase: true), "-42", Now, "tester");
        await Repository.InsertPartnerCertificateAsync(record, Ct);
        await Repository.InsertPartnerCertificateAsync(record with { CertId = Guid.NewGuid().ToString() }, Ct);

        var read = await Repository.GetPartnerCertificateAsync(record.CertId, Ct);
        Assert.Equal(record with { NotBefore = Truncated(record.NotBefore), NotAfter = Truncated(record.NotAfter), UploadedAt = Truncated(record.UploadedAt) }, read);
        Assert.Null(await Repository.GetPartnerCertificateAsync("no-such-id", Ct));
        Assert.Equal(0, await Repository.GetDomainVersionAsync(domain, Ct));
    }

    [Fact]
    public async Task A_CRL_replaces_an_older_one_refuses_a_stale_one_and_bumps_every_domain_given()
    {
        var first = NewDomain();
        var second = NewDomain();
        var key = RandomNumberGenerator.GetHexString(64);
        var crl = new CrlRecord(Guid.NewGuid().ToString(), key, "CN=CA", Guid.NewGuid().ToString(), "5", Now.AddHours(-1), Now.AddDays(7), 2, "pem-1", Now, "tester");

        Assert.True(await Repository.StoreCrlAsync(crl, [first, second], Ct));
        Assert.Equal(1, await Repository.GetDomainVersionAsync(first, Ct));
        Assert.Equal(1, await Repository.GetDomainVersionAsync(second, Ct));

        var newer = crl with { CrlId = Guid.NewGuid().ToString(), CrlNumber = null, ThisUpdate = Now, NextUpdate = null, CrlPem = "pem-2", RevokedCount = 3 };
        Assert.True(await Repository.StoreCrlAsync(newer, [first], Ct));
        Assert.Equal(2, await Repository.GetDomainVersionAsync(first, Ct));

        var stale = crl with { CrlId = Guid.NewGuid().ToString(), ThisUpdate = Now.AddDays(-1), CrlPem = "pem-0" };
        Assert.False(await Repository.StoreCrlAsync(stale, [first], Ct));
        Assert.Equal(2, await Repository.GetDomainVersionAsync(first, Ct));

        var stored = Assert.Single(await Repository.GetCrlsAsync(Ct), c => c.IssuerKeyHash == key);
        Assert.Equal(newer with { ThisUpdate = Truncated(newer.ThisUpdate), UploadedAt = Truncated(newer.UploadedAt) }, stored);
    }

    protected static DateTime Truncated(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}
