using System.Security.Cryptography;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Operations;

/// <summary>A rotation whose old key the key store fails to destroy: the rotation stands, the old key is alerted and destroyed on a later try.</summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class RetiredKeyTests(SharedAgentServer shared)
{
    [Fact]
    public async Task Old_key_the_store_failed_to_destroy_is_destroyed_on_the_next_round()
    {
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent-retired");
        var ftmCa = folder.File("ftm-ca");
        var deviceDir = folder.File("finger");
        var keys = new FailingDestroyKeyStore(new SoftwareKeyStore(Path.Combine(deviceDir, "keys")));
        await server.WhitelistAsync(ftmCa, [await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNRETIRED001"), ftmCa, keys)]);
        using var session = TestDevices.Open(deviceDir, server, keys);
        await Enrolment.EnrolAsync(session, CancellationToken.None);

        await AgentTestServer.PostOkAsync(server.Admin, "/admin/devices/SNRETIRED001/rotate", null);
        keys.FailDestroys = true;
        var rotation = await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
        Assert.Contains(rotation.Commands, c => c.Kind == "rotateKey" && c.Status == "SUCCEEDED");
        Assert.Equal(2, session.State.KeyGeneration);
        Assert.Equal([1], session.State.RetiredKeyGenerations);
        Assert.NotNull(await keys.OpenAsync(DeviceKeyLabels.Device("SNRETIRED001", 1), CancellationToken.None));
        Assert.Contains(session.Log.Read(0, 1000), e => e is { Level: "alert", Event: "key-destroy-failed" });

        keys.FailDestroys = false;
        await KeyRotation.DestroyRetiredAsync(session, CancellationToken.None);
        Assert.Empty(session.State.RetiredKeyGenerations);
        Assert.Null(await keys.OpenAsync(DeviceKeyLabels.Device("SNRETIRED001", 1), CancellationToken.None));
    }

    private sealed class FailingDestroyKeyStore(IDeviceKeyStore inner) : IDeviceKeyStore
    {
        public bool FailDestroys { get; set; }

        public string Kind => inner.Kind;

        public bool IsHardware => inner.IsHardware;

        public Task<RSA> CreateAsync(string label, CancellationToken cancellationToken) => inner.CreateAsync(label, cancellationToken);

        public Task<RSA?> OpenAsync(string label, CancellationToken cancellationToken) => inner.OpenAsync(label, cancellationToken);

        public Task DestroyAsync(string label, CancellationToken cancellationToken) =>
            FailDestroys ? throw new IOException("the key store is busy") : inner.DestroyAsync(label, cancellationToken);
    }
}
