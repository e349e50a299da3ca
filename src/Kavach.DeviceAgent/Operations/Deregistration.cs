using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Operations;

/// <summary>
/// De-registration (spec §4.10): the device key is destroyed in the key store, then a signed zeroisation proof goes to
/// the server — signed by the FTM chip on L1 (the device key no longer exists), by the device key just before it goes
/// on L0. The device then sends nothing more; a proof that could not be delivered is sent again on the next run.
/// </summary>
public static class Deregistration
{
    /// <summary>Zeroises the device key and acknowledges.</summary>
    public static async Task ZeroiseAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.State;
        if (state.Phase != DevicePhase.Deregistered)
        {
            state.DeregisteredCertSerial = CertificateFacts.SerialOf(state.CertificatePem!);
            if (state.Identity.IsL1)
            {
                await DestroyKeysAsync(session, cancellationToken);
            }

            state.Phase = DevicePhase.Deregistered;
            session.Save();
            session.Log.Alert("deregistered", $"device key destroyed, certificate {state.DeregisteredCertSerial} given up");
        }

        await AcknowledgeAsync(session, cancellationToken);
    }

    /// <summary>Sends the zeroisation proof if the server has not accepted it yet.</summary>
    public static async Task AcknowledgeAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.State;
        if (state.Phase != DevicePhase.Deregistered || state.DeregistrationAcknowledged)
        {
            return;
        }

        var body = new DeregAckBody(session.SerialNo, state.DeregisteredCertSerial!, ProtocolTimestamp.ToText(session.Clock.GetUtcNow()), true);
        if (state.Identity.IsL1)
        {
            var chip = await session.FtmSignerAsync(cancellationToken);
            var digitalId = await session.DigitalIdAsync(null, cancellationToken);
            await session.ExchangeAsync("/v1/deregister/ack", body, chip, session.Link.Anonymous(), MessageKinds.DeregAck, digitalId, cancellationToken);
        }
        else
        {
            var signer = await session.DeviceSignerAsync(cancellationToken);
            var digitalId = await session.DigitalIdAsync(signer, cancellationToken);
            await session.ExchangeAsync("/v1/deregister/ack", body, signer, session.Link.Mutual(signer.Certificate), MessageKinds.DeregAck, digitalId, cancellationToken);
            await DestroyKeysAsync(session, cancellationToken);
        }

        state.DeregistrationAcknowledged = true;
        session.Save();
        session.Log.Info("deregistration-acknowledged", $"certificate {state.DeregisteredCertSerial}");
    }

    private static async Task DestroyKeysAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        session.ResetDeviceSigner();
        var state = session.State;
        await session.Keys.DestroyAsync(DeviceKeyLabels.Device(session.SerialNo, state.KeyGeneration), cancellationToken);
        await KeyRotation.DestroyRetiredAsync(session, cancellationToken);
        if (state.Rotation is { } rotation)
        {
            await session.Keys.DestroyAsync(DeviceKeyLabels.Device(session.SerialNo, rotation.Generation), cancellationToken);
            state.Rotation = null;
        }
    }
}
