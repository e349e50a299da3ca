using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Testing;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Tests.Audit;

/// <summary>
/// <c>kavach audit verify</c> on a tampered copy of a real data directory: every kind of tampering is found and the
/// first bad record is named (exit 1); the untouched copy verifies (exit 0).
/// </summary>
public sealed class AuditTamperTests(AuditTamperFixture fixture) : IClassFixture<AuditTamperFixture>
{
    [Fact]
    public async Task Untouched_chain_verifies()
    {
        using var copy = fixture.Copy();
        var (code, output) = await VerifyAsync(copy);
        Assert.True(code == 0, output);
        Assert.Contains($"last at record {fixture.Second.Seq}", output, StringComparison.Ordinal);
        Assert.Contains($"not yet under a checkpoint: {fixture.Head - fixture.Second.Seq}", output, StringComparison.Ordinal);
        Assert.Contains($"anchored outside the database up to record {fixture.Second.Seq}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_wipe_of_log_and_checkpoints_is_detected_by_the_anchor()
    {
        // The attack: with only database access, empty both tables — an empty chain is consistent in itself.
        await AssertNamedAsync(1, "the log was emptied", "DELETE FROM audit_log; DELETE FROM audit_checkpoint");
    }

    [Fact]
    public async Task Tail_cut_past_the_anchor_with_its_checkpoints_is_detected()
    {
        var keep = fixture.First.Seq;
        await AssertNamedAsync(keep + 1, "were cut off", $"DELETE FROM audit_log WHERE seq_no > {keep}; DELETE FROM audit_checkpoint WHERE seq_no > {keep}");
    }

    [Fact]
    public async Task Edited_anchor_file_is_named()
    {
        using var copy = fixture.Copy();
        var file = copy.File(Kavach.Hosting.Composition.KavachSettings.AuditAnchorFileName);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.NotEmpty(lines);
        var parts = lines[^1].Split(' ');
        parts[1] = (long.Parse(parts[1], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
        lines[^1] = string.Join(' ', parts);
        await File.WriteAllLinesAsync(file, lines);

        var (code, output) = await VerifyAsync(copy);
        Assert.True(code == 1, output);
        Assert.Contains($"line {lines.Length} of the audit anchor file is not an authentic anchor", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_without_a_database_is_refused_not_verified_as_empty()
    {
        // A mistyped --data-dir must not pass as a fresh, empty (and so "valid") trail, nor leave a database behind.
        using var fresh = new TempDirectory("kavach-audit-fresh");
        var (code, output) = await VerifyAsync(fresh);
        Assert.Equal(1, code);
        Assert.Equal($"kavach: no Kavach data directory at {fresh.Path}", output.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(fresh.Path));
    }

    [Fact]
    public async Task Edited_row_is_named()
    {
        var target = fixture.First.Seq + 2;
        await AssertNamedAsync(target, "edited", $"UPDATE audit_log SET actor = 'mallory' WHERE seq_no = {target}");
    }

    [Fact]
    public async Task Edited_outcome_of_a_covered_row_is_named()
    {
        var target = fixture.First.Seq - 1;
        await AssertNamedAsync(target, "edited", $"UPDATE audit_log SET outcome = 'KER-CRY-003' WHERE seq_no = {target}");
    }

    [Fact]
    public async Task Deleted_row_is_named()
    {
        var target = fixture.First.Seq + 3;
        await AssertNamedAsync(target, "missing", $"DELETE FROM audit_log WHERE seq_no = {target}");
    }

    [Fact]
    public async Task Deleted_tail_under_a_checkpoint_is_named()
    {
        var from = fixture.Second.Seq - 1;
        await AssertNamedAsync(from, "missing", $"DELETE FROM audit_log WHERE seq_no >= {from}; DELETE FROM audit_checkpoint WHERE seq_no > {fixture.Second.Seq}");
    }

    [Fact]
    public async Task Inserted_row_with_a_correct_chain_hash_is_named()
    {
        // The attacker renumbers the rows after the insertion point and computes the new row's hash correctly;
        // only the record MAC (a vault key) is beyond reach.
        var target = fixture.First.Seq + 4;
        var previous = fixture.Records.Single(r => r.Seq == target - 1);
        var forged = AuditChain.Seal(target, new AuditEntry { Time = previous.Entry.Time, Actor = "admin", Operation = "key.revoke", Outcome = AuditOutcomes.Success }, previous.Hash);
        await AssertNamedAsync(target, "no MAC",
            $"UPDATE audit_log SET seq_no = -(seq_no + 1) WHERE seq_no >= {target}; UPDATE audit_log SET seq_no = -seq_no WHERE seq_no < 0; " + Insert(forged));
    }

    [Fact]
    public async Task Row_appended_after_the_head_is_named()
    {
        var head = fixture.Records[^1];
        var forged = AuditChain.Seal(head.Seq + 1, new AuditEntry { Time = head.Entry.Time, Actor = "admin", Operation = "crypto.decrypt", Outcome = AuditOutcomes.Success }, head.Hash);
        await AssertNamedAsync(head.Seq + 1, "no MAC", Insert(forged));
    }

    [Fact]
    public async Task Reordered_rows_are_named()
    {
        var target = fixture.First.Seq + 5;
        await AssertNamedAsync(target, "does not follow",
            $"UPDATE audit_log SET seq_no = -1 WHERE seq_no = {target}; UPDATE audit_log SET seq_no = {target} WHERE seq_no = {target + 1}; UPDATE audit_log SET seq_no = {target + 1} WHERE seq_no = -1");
    }

    [Fact]
    public async Task Rewritten_chain_with_recomputed_hashes_is_named()
    {
        // Edit one row and recompute every later hash: the chain is consistent again, but the MACs are not.
        var target = fixture.First.Seq + 1;
        var statements = new List<string>();
        var previousHash = fixture.Records.Single(r => r.Seq == target - 1).Hash;
        foreach (var record in fixture.Records.Where(r => r.Seq >= target))
        {
            var entry = record.Seq == target ? record.Entry with { Outcome = "KER-ATH-403" } : record.Entry;
            var resealed = AuditChain.Seal(record.Seq, entry, previousHash);
            statements.Add($"UPDATE audit_log SET outcome = '{entry.Outcome}', prev_hash = '{resealed.PrevHash}', record_hash = '{resealed.Hash}' WHERE seq_no = {record.Seq}");
            previousHash = resealed.Hash;
        }

        await AssertNamedAsync(target, "MAC", string.Join("; ", statements));
    }

    [Fact]
    public async Task Forged_checkpoint_signature_is_named()
    {
        var seq = fixture.Second.Seq;
        var signature = Base64Url.Encode(RandomNumberGenerator.GetBytes(256));
        await AssertNamedAsync(seq, "signature does not verify", $"UPDATE audit_checkpoint SET signature = '{signature}' WHERE seq_no = {seq}");
    }

    [Fact]
    public async Task Checkpoint_signed_by_a_foreign_certificate_is_named()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=KERNEL SIGN (forged)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var head = fixture.Records[^1];
        var thumbprint = Thumbprints.Sha256UpperHex(certificate.RawData);
        var bytes = AuditCheckpoint.BytesFor(head.Seq, head.Hash, head.Entry.Time, thumbprint, null, null);
        var forged = new AuditCheckpoint(head.Seq, head.Hash, head.Entry.Time, "forged", thumbprint, Keys.Certificates.Pem.Certificate(certificate), "PS256",
            Base64Url.Encode(rsa.SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)), null, null, null);
        await AssertNamedAsync(head.Seq, "not a KERNEL/SIGN certificate", Insert(forged));
    }

    [Fact]
    public async Task Checkpoint_with_a_genuine_KERNEL_SIGN_signature_but_no_MAC_is_named()
    {
        // What an attacker with database access and raw-signing API access could make: the MAC stops it.
        await AssertNamedAsync(fixture.SignedWithoutMac.Seq, "MAC is missing", Insert(fixture.SignedWithoutMac));
    }

    private async Task AssertNamedAsync(long expectedSeq, string expectedProblem, string sql)
    {
        using var copy = fixture.Copy();
        await AuditTestSupport.SqliteAsync(copy.Path, sql);
        var (code, output) = await VerifyAsync(copy);
        Assert.True(code == 1, output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"FAILED at record {expectedSeq}:"), output, StringComparison.Ordinal);
        Assert.Contains(expectedProblem, output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> VerifyAsync(TempDirectory directory)
    {
        var (code, output, error) = await AuditTestSupport.CliAsync("audit", "verify", "--data-dir", directory.Path);
        return (code, output + error);
    }

    private static string Insert(AuditRecord record)
    {
        var e = record.Entry;
        return "INSERT INTO audit_log (seq_no, event_dtimes, actor, operation, outcome, prev_hash, record_hash) VALUES (" +
            $"{record.Seq}, '{e.Time:yyyy-MM-dd HH:mm:ss.ffffff}', {Quote(e.Actor)}, {Quote(e.Operation)}, {Quote(e.Outcome)}, '{record.PrevHash}', '{record.Hash}')";
    }

    private static string Insert(AuditCheckpoint c) =>
        "INSERT INTO audit_checkpoint (seq_no, record_hash, cp_dtimes, sign_key_alias, cert_thumbprint, certificate_data, sign_algorithm, signature, policy_state, mac_key_alias, mac) VALUES (" +
        $"{c.Seq}, '{c.RecordHash}', '{c.CreatedAt:yyyy-MM-dd HH:mm:ss.ffffff}', {Quote(c.SigningKeyAlias)}, {Quote(c.CertificateThumbprint)}, {Quote(c.CertificatePem)}, " +
        $"{Quote(c.Algorithm)}, {Quote(c.Signature)}, {Quote(c.PolicyState)}, {Quote(c.MacKeyAlias)}, {Quote(c.Mac)})";

    private static string Quote(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
