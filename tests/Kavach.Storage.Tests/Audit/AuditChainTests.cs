using System.Text;
using Kavach.Keys.Audit;
using Kavach.Testing;

namespace Kavach.Storage.Tests.Audit;

/// <summary>The canonical record bytes and hash, checked against an independent implementation (Python's hashlib).</summary>
public sealed class AuditChainTests
{
    private static readonly AuditEntry Sample = new()
    {
        Time = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560),
        RequestId = "0HNABC:00000001",
        Actor = "admin",
        AuthMethod = "Bearer",
        Client = "127.0.0.1",
        Operation = "crypto.decrypt",
        AppId = "REGISTRATION",
        RefId = "10001_110011",
        KeyRef = "thumbprint:ABCDEF",
        Subject = null,
        Outcome = "OK",
        HttpStatus = 200,
        Detail = "könig",
    };

    [Fact]
    public void Canonical_bytes_are_length_prefixed_fields_after_the_tag()
    {
        var bytes = AuditChain.CanonicalBytes(7, Sample, AuditChain.GenesisHash);
        Assert.True(bytes.AsSpan().StartsWith("KAVACH-AUDIT-1"u8));
        Assert.True(bytes.AsSpan(14).StartsWith(new byte[] { 0, 0, 0, 1, (byte)'7', 0, 0, 0, 27 }));
        Assert.Contains("2025-01-02T03:04:05.123456Z", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // The null subject is FFFFFFFF with no bytes, so it differs from an empty subject.
        Assert.NotEqual(AuditChain.Hash(7, Sample, AuditChain.GenesisHash), AuditChain.Hash(7, Sample with { Subject = string.Empty }, AuditChain.GenesisHash));
    }

    [Fact]
    public async Task The_hash_matches_Python_hashlib_over_the_documented_encoding()
    {
        const string script = """
            import hashlib, sys
            def enc(v):
                if v is None:
                    return b'\xff\xff\xff\xff'
                b = v.encode('utf-8')
                return len(b).to_bytes(4, 'big') + b
            fields = ['7', '2025-01-02T03:04:05.123456Z', '0HNABC:00000001', 'admin', 'Bearer', '127.0.0.1', 'crypto.decrypt',
                      'REGISTRATION', '10001_110011', 'thumbprint:ABCDEF', None, 'OK', '200', 'k\u00f6nig', '0' * 64]
            print(hashlib.sha256(b'KAVACH-AUDIT-1' + b''.join(enc(f) for f in fields)).hexdigest())
            """;
        using var dir = new TempDirectory("kavach-audit-py");
        await File.WriteAllTextAsync(dir.File("hash.py"), script);
        var (code, stdout, stderr) = await ExternalTool.RunAsync("/usr/bin/python3", [dir.File("hash.py")]);
        Assert.True(code == 0, stderr);
        Assert.Equal(stdout.Trim(), AuditChain.Hash(7, Sample, AuditChain.GenesisHash));
    }

    [Fact]
    public void Sealing_normalises_before_hashing()
    {
        var record = AuditChain.Seal(1, Sample with { Actor = "a\u0000b", Time = Sample.Time.AddTicks(7) }, AuditChain.GenesisHash);
        Assert.Equal("a?b", record.Entry.Actor);
        Assert.Equal(Sample.Time, record.Entry.Time);
        Assert.Equal(AuditChain.Hash(1, record.Entry, AuditChain.GenesisHash), record.Hash);
        Assert.Null(record.Mac);
    }
}
