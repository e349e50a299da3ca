using System.Security.Cryptography;
using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Commands;
using Kavach.Devices.Tests.Rotation;
using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Two replicas on one PostgreSQL: commands are delivered once each and a rotation happens once.</summary>
[Collection(OperationsPostgresCollection.Name)]
public sealed class PostgresOperationsReplicaTests(PostgresServer server)
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Two_replicas_answering_one_device_deliver_every_command_exactly_once()
    {
        var options = await OperationsDatabase.NewPostgresAsync(server);
        var time = new FakeTimeProvider(CommandHarness.Start);
        var registry = new InMemoryDeviceRegistry();
        await using var a = CommandHarness.Create(options, time: time, registry: registry);
        await using var b = CommandHarness.Create(options, time: time, registry: registry);
        var device = a.AddDevice();
        var queued = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            queued.Add((await (i % 2 == 0 ? a : b).Service.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct)).Value.CmdId);
        }

        var taken = new List<DeviceCommandRecord>();
        for (var round = 0; round < 3; round++)
        {
            var both = await Task.WhenAll(a.Service.TakePendingAsync(device, Ct), b.Service.TakePendingAsync(device, Ct));
            taken.AddRange(both.SelectMany(t => t));
        }

        Assert.Equal(queued.Order(StringComparer.Ordinal), taken.Select(c => c.CmdId).Order(StringComparer.Ordinal));
        Assert.All(taken, c => Assert.Equal(1, c.Attempts));
    }

    [Fact]
    public async Task Two_replicas_rotating_one_device_open_one_rotation_and_issue_one_certificate()
    {
        var options = await OperationsDatabase.NewPostgresAsync(server);
        var time = new FakeTimeProvider(RotationHarness.Start);
        await using var a = new RotationHarness(options, time);
        await using var b = new RotationHarness(options, time);
        var (device, old, _) = await a.AddDeviceAsync();
        using var newKey = RSA.Create(2048);
        var csr = RotationHarness.Csr(newKey);

        var offers = await Task.WhenAll(a.Rotation.OfferAsync(device, Ct), b.Rotation.OfferAsync(device, Ct));
        var rotationId = offers[0]!.CmdId;
        var requests = await Task.WhenAll(
            a.Rotation.RequestAsync(device.SerialNo, old.CertSerial, rotationId, csr, Ct),
            b.Rotation.RequestAsync(device.SerialNo, old.CertSerial, rotationId, csr, Ct));

        Assert.Equal(rotationId, offers[1]!.CmdId);
        Assert.Single(await a.Store.ListCommandsAsync(device.SerialNo, null, 10, Ct));
        Assert.All(requests, r => Assert.True(r.IsSuccess, r.Error?.Code));
        Assert.Equal(requests[0].Value.Certificate.CertSerial, requests[1].Value.Certificate.CertSerial);
        var certificates = await a.Store.ListForDeviceAsync(device.SerialNo, Ct);
        Assert.Equal(2, certificates.Count);
        Assert.Single(certificates, c => c.Status == DeviceCertificateStatus.Pending);

        var confirms = await Task.WhenAll(
            a.Rotation.ConfirmAsync(device.SerialNo, requests[0].Value.Certificate.CertSerial, rotationId, Ct),
            b.Rotation.ConfirmAsync(device.SerialNo, requests[0].Value.Certificate.CertSerial, rotationId, Ct));
        Assert.Contains(confirms, c => c.IsSuccess);
        Assert.Equal(DeviceCertificateStatus.Active, (await b.Store.GetCertificateAsync(requests[0].Value.Certificate.CertSerial, Ct))!.Status);
        Assert.Equal(DeviceCertificateStatus.Revoked, (await b.Store.GetCertificateAsync(old.CertSerial, Ct))!.Status);
    }
}
