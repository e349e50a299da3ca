using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Messaging;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Devices.Updates;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Updates;

/// <summary>The update-report route below HTTP: a device's sealed report, the message gate, the handler, and the signed answer checked by the device's verifier.</summary>
public sealed class UpdateMessagesTests : IAsyncLifetime
{
    private readonly RecordingUpdates _updates = new();
    private GateFixture _f = null!;
    private UpdateMessages _messages = null!;
    private long _deviceSeq;

    private ProtocolHarness H => _f.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _f = new GateFixture();
        _messages = new UpdateMessages(_updates, H.Writer);
        await _f.EnrolAsync();
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Theory]
    [InlineData("INSTALLED", UpdateReportStatus.Installed)]
    [InlineData("REVERTED", UpdateReportStatus.Reverted)]
    [InlineData("STALE", UpdateReportStatus.Stale)]
    public async Task A_gated_report_reaches_the_rollouts_and_is_answered_with_a_signed_empty_body(string wire, UpdateReportStatus status)
    {
        var (sent, admitted) = await AdmitAsync(new UpdateReportBody(7, "2.1.0", wire, Nonce()));

        var response = await _messages.UpdateReportAsync(admitted, Ct);

        Assert.True(response.IsSuccess, response.Error?.Code);
        var verified = H.Verifier.Verify(response.Value.Compact, new DownlinkExpectation(sent.Payload.Jti, ProtocolHarness.SerialNo, 0, H.Clock.GetUtcNow(), sent.Payload.Kind, sent.Payload.DigitalId, null));
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.IsType<EmptyBody>(verified.Value!.Body);
        var (device, report) = Assert.Single(_updates.Reports);
        Assert.Equal(ProtocolHarness.SerialNo, device.SerialNo);
        Assert.Equal(new DeviceUpdateReport(7, "2.1.0", status), report);
    }

    [Fact]
    public async Task A_refused_report_gets_the_update_error_and_no_answer()
    {
        _updates.Refuse = true;
        var (_, admitted) = await AdmitAsync(new UpdateReportBody(99, "2.1.0", "FAILED", Nonce()));

        var response = await _messages.UpdateReportAsync(admitted, Ct);

        Assert.Equal(UpdateErrors.ReportRefused, response.Error);
    }

    [Fact]
    public async Task A_message_of_another_kind_handed_to_the_report_handler_is_refused_and_records_nothing()
    {
        var (_, checkin) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin);

        Assert.Equal(DeviceMessageErrors.MessageRefused.Code, (await _messages.UpdateReportAsync(checkin, Ct)).Error?.Code);
        Assert.Empty(_updates.Reports);
    }

    private static string Nonce() => Kavach.Crypto.Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private async Task<(SealedUplink Sent, AdmittedMessage Admitted)> AdmitAsync(IUplinkBody body, Func<string, GateRoute>? route = null)
    {
        var sent = await H.SealAsync(body, seq: ++_deviceSeq);
        var admitted = await _f.CheckAsync(sent.Compact, (route ?? GateRoutes.UpdateReport)(ProtocolHarness.Route(sent.Payload.Kind).Audience), H.Device);
        Assert.True(admitted.IsSuccess, admitted.Detail);
        return (sent, admitted.Value!);
    }

    /// <summary>Keeps the reports it is given; refuses them all when told to.</summary>
    private sealed class RecordingUpdates : IDeviceUpdates
    {
        public List<(DeviceRecord Device, DeviceUpdateReport Report)> Reports { get; } = [];

        public bool Refuse { get; set; }

        public Task<PendingUpdate?> GetPendingUpdateAsync(DeviceRecord device, CancellationToken cancellationToken) => Task.FromResult<PendingUpdate?>(null);

        public Task<Result<UpdateReportOutcome>> RecordReportAsync(DeviceRecord device, DeviceUpdateReport report, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                return Task.FromResult<Result<UpdateReportOutcome>>(UpdateErrors.ReportRefused);
            }

            Reports.Add((device, report));
            return Task.FromResult<Result<UpdateReportOutcome>>(new UpdateReportOutcome(null, null, null));
        }
    }
}
