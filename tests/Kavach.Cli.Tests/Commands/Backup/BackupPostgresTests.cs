using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Hosting.Backup;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Keys.Access;
using Kavach.Keys.Audit;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Management;
using Kavach.Keys.TokenIds;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Cli.Tests.Commands.Backup;

/// <summary>Backup and restore of a PostgreSQL installation through <c>pg_dump</c>/<c>pg_restore</c>, against the test cluster.</summary>
public sealed class BackupPostgresTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new("kavach-backup-pg");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_PostgreSQL_installation_restores_into_an_empty_database_with_its_ciphertexts_token_ids_and_audit_trail()
    {
        var source = Options(_dir.File("data"), await server.DatabaseForAsync("backup-source"));
        var plaintext = RandomNumberGenerator.GetBytes(100);
        string envelope;
        string tokenId;
        await using (var services = KavachServices.Create(source))
        {
            var results = await services.GetRequiredService<KeyBootstrapper>().RunAsync(force: false, progress: null, CancellationToken.None);
            Assert.All(results, result => Assert.Null(result.Error));
            var encrypted = await services.GetRequiredService<EnvelopeService>().EncryptAsync("REGISTRATION", "pg", Base64Url.Encode(plaintext), null, null, Caller.System, CancellationToken.None);
            envelope = encrypted.Value;
            tokenId = services.GetRequiredService<TokenIdGenerator>().Generate("4512378965", "partner").Value;
            var audit = services.GetRequiredService<AuditTrail>();
            await audit.AppendAsync(new AuditEntry { Time = TimeProvider.System.GetUtcNow().UtcDateTime, Operation = "test.backup", Outcome = AuditOutcomes.Success }, CancellationToken.None);
            Assert.NotNull(await audit.CheckpointAsync(CancellationToken.None));
        }

        using var passphrase = BackupPassphrase.From(BackedUpInstallation.Passphrase);
        var archive = _dir.File("pg.backup");
        var manifest = await BackupCreator.CreateAsync(source, archive, passphrase, TimeProvider.System, CancellationToken.None);
        Assert.Equal("PostgreSql", manifest.StoreKind);
        Assert.Contains(manifest.Files, file => file is { Name: "keymgr.pgdump", Role: BackupRoles.Database });

        var verified = await BackupVerifier.VerifyAsync(archive, passphrase, CancellationToken.None);
        Assert.Contains("pg_restore --list ok", verified.DatabaseCheck, StringComparison.Ordinal);

        // The source database has keymgr tables: refused, and the (absent) data directory is not made.
        var occupied = Options(_dir.File("occupied"), source.Database.ConnectionString!);
        var refused = await Assert.ThrowsAsync<BackupException>(() => BackupRestorer.RestoreAsync(occupied, archive, passphrase, CancellationToken.None));
        Assert.Contains("already has tables in schema keymgr", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(occupied.DataDir));

        var target = Options(_dir.File("restored"), await server.DatabaseForAsync("backup-target"));
        await BackupRestorer.RestoreAsync(target, archive, passphrase, CancellationToken.None);
        await using (var services = KavachServices.Create(target))
        {
            var decrypted = await services.GetRequiredService<EnvelopeService>().DecryptAsync("REGISTRATION", "pg", envelope, null, null, Caller.System, CancellationToken.None);
            Assert.True(decrypted.IsSuccess, decrypted.Error?.Code);
            Assert.Equal(Base64Url.Encode(plaintext), decrypted.Value);
            Assert.Equal(tokenId, services.GetRequiredService<TokenIdGenerator>().Generate("4512378965", "partner").Value);
            var verification = await services.GetRequiredService<AuditTrail>().Verifier.VerifyAsync(CancellationToken.None);
            Assert.True(verification.IsValid, verification.Problem);
            Assert.True(verification.AnchoredSeq > 0);
        }
    }

    private static KavachOptions Options(string dataDirectory, string connectionString) => new()
    {
        DataDir = dataDirectory,
        Database = new DatabaseOptions { Provider = "PostgreSql", ConnectionString = connectionString },
    };
}
