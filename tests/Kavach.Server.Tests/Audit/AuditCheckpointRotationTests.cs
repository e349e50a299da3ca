using Kavach.Keys.Audit;
using Kavach.Keys.Hierarchy;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Audit;

/// <summary>A KERNEL/SIGN key made inside a checkpoint (no request around it) is recorded like any other key.</summary>
public sealed class AuditCheckpointRotationTests
{
    [Fact]
    public async Task A_KERNEL_SIGN_rotation_inside_a_background_checkpoint_gets_a_SYSTEM_key_generate_record()
    {
        // No timer-driven checkpoints: the test makes the one checkpoint itself, from a flow without any audit scope
        // (as the trail's background checkpoints run).
        await using var server = await TestServer.StartAsync(extraArgs: ["--Kavach:Audit:CheckpointEveryMinutes=0"]);
        await AuditTestSupport.WaitForStartupAsync(server);
        var runtime = server.Runtime;
        var before = await runtime.Store.GetAliasesAsync(KeyIds.Kernel, KeyIds.Sign, CancellationToken.None);
        var signing = Assert.Single(before);
        server.Time.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(signing.ExpiresAt, DateTimeKind.Utc).AddDays(1)));

        var checkpoint = await runtime.Audit.CheckpointAsync(CancellationToken.None);

        var after = await runtime.Store.GetAliasesAsync(KeyIds.Kernel, KeyIds.Sign, CancellationToken.None);
        var rotated = Assert.Single(after, a => a.Id != signing.Id);
        var records = await AuditTestSupport.RecordsAsync(server);
        var generated = Assert.Single(records, r => r.Entry is { Operation: AuditScope.KeyGenerateOperation, AppId: "KERNEL", RefId: "SIGN" } && r.Entry.KeyRef == "alias:" + rotated.Id);
        Assert.Equal("SYSTEM", generated.Entry.Actor);
        Assert.Equal("via=audit.checkpoint rotation=true", generated.Entry.Detail);

        // The record is in the chain under the checkpoint that the new key signed, and everything verifies.
        Assert.NotNull(checkpoint);
        Assert.True(checkpoint.Seq >= generated.Seq);
        Assert.Equal(rotated.Id, checkpoint.SigningKeyAlias);
        var verification = await runtime.Audit.Verifier.VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsValid, verification.Problem);
    }
}
