using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Operations;

/// <summary>
/// Two-phase key rotation at the server's request (spec §4.8): a new key made in the key store, its CSR signed with
/// the old key, the new certificate confirmed over mutual TLS with the new key, then the old key destroyed. The
/// rotation is saved after each step; a retry after a crash sends the same rotation id and CSR and gets the same
/// certificate.
/// </summary>
public static class KeyRotation
{
    /// <summary>Rotates the device key for <paramref name="command"/>; the confirm is the command's answer (the server closes it).</summary>
    public static async Task RotateAsync(DeviceSession session, RotateKeyArguments command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        var state = session.State;
        var pending = state.Rotation;
        if (pending is not null && !string.Equals(pending.RotationId, command.RotationId, StringComparison.Ordinal))
        {
            // The server replaced the rotation (the earlier one timed out): its never-confirmed key goes.
            await session.Keys.DestroyAsync(DeviceKeyLabels.Device(session.SerialNo, pending.Generation), cancellationToken);
            pending = null;
        }

        var generation = pending?.Generation ?? state.KeyGeneration + 1;
        var label = DeviceKeyLabels.Device(session.SerialNo, generation);
        using (var key = await session.Keys.OpenAsync(label, cancellationToken) ?? await session.Keys.CreateAsync(label, cancellationToken))
        {
            if (pending is null)
            {
                pending = new PendingRotation(command.RotationId, generation, CertificateFacts.CsrFor(key, session.SerialNo), command.Deadline, null);
                state.Rotation = pending;
                session.Save();
            }

            if (pending.CertificatePem is null)
            {
                var old = await session.DeviceSignerAsync(cancellationToken);
                var digitalId = await session.DigitalIdAsync(old, cancellationToken);
                var answer = await session.ExchangeAsync("/v1/keys/rotate", new RotateBody(pending.RotationId, pending.Csr), old, session.Link.Mutual(old.Certificate), MessageKinds.Rotate, digitalId, cancellationToken);
                pending = pending with { CertificatePem = CertificateFacts.IssuedFor(((RotationResultBody)answer.Body).CertChain, key, session.SerialNo) };
                state.Rotation = pending;
                session.Save();
            }
        }

        using (var fresh = await session.SignerAsync(pending.CertificatePem, label, cancellationToken))
        {
            var digitalId = await session.DigitalIdAsync(fresh, cancellationToken);
            await session.ExchangeAsync("/v1/keys/rotate/confirm", new RotateConfirmBody(pending.RotationId), fresh, session.Link.Mutual(fresh.Certificate), MessageKinds.RotateConfirm, digitalId, cancellationToken);
        }

        var previous = state.KeyGeneration;
        state.CertificatePem = pending.CertificatePem;
        state.KeyGeneration = generation;
        state.Rotation = null;
        state.RetiredKeyGenerations.Add(previous);
        session.Save();
        session.ResetDeviceSigner();
        session.Log.Info("rotated", $"certificate {CertificateFacts.SerialOf(pending.CertificatePem)} active");
        await DestroyRetiredAsync(session, cancellationToken);
    }

    /// <summary>
    /// Destroys the keys a rotation replaced. The rotation has already switched over when this runs, so a key store that
    /// fails here leaves the old key listed in the state (and an alert in the log), and every later round tries again
    /// until it is gone.
    /// </summary>
    public static async Task DestroyRetiredAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var retired = session.State.RetiredKeyGenerations;
        foreach (var generation in retired.ToList())
        {
            try
            {
                await session.Keys.DestroyAsync(DeviceKeyLabels.Device(session.SerialNo, generation), cancellationToken);
            }
            catch (Exception fault) when (fault is not OperationCanceledException)
            {
                // The rotation itself stands; the old key is alerted and tried again next round.
                session.Log.Alert("key-destroy-failed", $"key generation {generation}: {fault.GetType().Name}");
                continue;
            }

            retired.Remove(generation);
            session.Save();
            session.Log.Info("key-destroyed", $"key generation {generation}");
        }
    }
}
