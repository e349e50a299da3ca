using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Audit;
using Kavach.Keys.Hierarchy;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Audit;

/// <summary>
/// A stopped server's data directory with an audit chain of a few dozen records and two checkpoints (plus an uncovered
/// tail), and a checkpoint forged with a genuine KERNEL/SIGN signature (what raw-signing API access could produce).
/// Each tamper test works on a copy.
/// </summary>
public sealed class AuditTamperFixture : IAsyncLifetime
{
    private readonly TempDirectory _pristine = new("kavach-audit-pristine");

    /// <summary>The chain as written.</summary>
    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    /// <summary>The first checkpoint made by the test.</summary>
    public AuditCheckpoint First { get; private set; } = null!;

    /// <summary>The second (last) checkpoint.</summary>
    public AuditCheckpoint Second { get; private set; } = null!;

    /// <summary>A checkpoint of the head signed by the real KERNEL/SIGN key but without a valid MAC.</summary>
    public AuditCheckpoint SignedWithoutMac { get; private set; } = null!;

    /// <summary>The newest record.</summary>
    public long Head => Records[^1].Seq;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await using var server = await TestServer.StartAsync(_pristine.Path);
        var trail = server.Runtime.Audit;
        await AuditTestSupport.WaitForStartupAsync(server);

        var envelope = await AuditTestSupport.EncryptAsync(server, "REGISTRATION", "tamper", [1, 2, 3]);
        await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "tamper", envelope);
        await AppendAsync(trail, server, 8);
        First = await trail.CheckpointAsync(CancellationToken.None) ?? throw new InvalidOperationException("no first checkpoint");
        await AppendAsync(trail, server, 10);
        Second = await trail.CheckpointAsync(CancellationToken.None) ?? throw new InvalidOperationException("no second checkpoint");
        await AppendAsync(trail, server, 5);
        Records = await AuditTestSupport.RecordsAsync(server);
        SignedWithoutMac = await ForgeWithRealSignatureAsync(server, Records[^1]);
    }

    /// <summary>A copy of the data directory to tamper with.</summary>
    public TempDirectory Copy()
    {
        var copy = new TempDirectory("kavach-audit-tampered");
        foreach (var file in Directory.EnumerateFiles(_pristine.Path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(_pristine.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _pristine.Dispose();
        return Task.CompletedTask;
    }

    private static async Task AppendAsync(AuditTrail trail, TestServer server, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(
                new AuditEntry { Time = server.Time.GetUtcNow().UtcDateTime, Actor = "tester", Operation = "test.event", Outcome = AuditOutcomes.Success, Detail = $"n={i}" },
                CancellationToken.None);
        }
    }

    private static async Task<AuditCheckpoint> ForgeWithRealSignatureAsync(TestServer server, AuditRecord head)
    {
        var keys = server.Runtime.AuditSigningKeys;
        var key = (await keys.GetAsync(KeyIds.Kernel, KeyIds.Sign, CancellationToken.None)).Value;
        using var signer = (await keys.PrepareAsync(key, JwsAlgorithm.PS256, CancellationToken.None)).Value;
        var thumbprint = Thumbprints.Sha256UpperHex(key.Certificate.RawData);
        var time = server.Time.GetUtcNow().UtcDateTime;
        var bytes = AuditCheckpoint.BytesFor(head.Seq, head.Hash, time, thumbprint, null, null);
        return new AuditCheckpoint(head.Seq, head.Hash, time, key.Key.Alias.Id, thumbprint, Keys.Certificates.Pem.Certificate(key.Certificate),
            "PS256", Base64Url.Encode(signer.Sign(bytes)), null, null, null);
    }
}
