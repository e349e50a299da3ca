using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Operations;

/// <summary>
/// Enrolment as the server expects it (spec §4.5): the challenge, a new device key made in the key store, its CSR and
/// the digital id signed by the FTM chip (L1) or the device key (L0), then the two-phase confirm over mutual TLS with
/// the new certificate. Each step is saved, so an interrupted enrolment resumes where it stopped.
/// </summary>
public static class Enrolment
{
    /// <summary>Enrols the device (or finishes an enrolment under way).</summary>
    public static async Task EnrolAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.State;
        switch (state.Phase)
        {
            case DevicePhase.Active:
                throw new AgentException(AgentErrors.WrongPhase, $"device {session.SerialNo} is already enrolled (certificate {CertificateFacts.SerialOf(state.CertificatePem!)})");
            case DevicePhase.Deregistered:
                throw new AgentException(AgentErrors.WrongPhase, $"device {session.SerialNo} was de-registered; it enrols again only after an administrator's action");
            case DevicePhase.PendingConfirm when state.CertificatePem is not null:
                await ConfirmAsync(session, cancellationToken);
                return;
        }

        var challenge = await session.ChallengeAsync(cancellationToken);
        var label = DeviceKeyLabels.Device(session.SerialNo, 1);
        var key = await DeviceKeyAsync(session, label, cancellationToken);
        try
        {
            var csr = CertificateFacts.CsrFor(key, session.SerialNo);
            var identity = state.Identity;
            var body = new EnrollBody(challenge.Nonce, csr, state.RunningFirmware ?? identity.FirmwareVersion, identity.ServiceVersion, identity.SpecVersion, identity.Purpose, identity.Env, identity.IsL1 ? null : state.L0EnrolmentSecret);
            using var l0Certificate = identity.IsL1 ? null : SelfCertificate(key, session.SerialNo, session.Clock.GetUtcNow());
            var signer = identity.IsL1 ? await session.FtmSignerAsync(cancellationToken) : new MessageSigner(l0Certificate!, key);
            var digitalId = await session.DigitalIdAsync(signer, cancellationToken);
            Kavach.Devices.Protocol.VerifiedDownlink answer;
            try
            {
                answer = await session.ExchangeAsync("/v1/enroll", body, signer, session.Link.Anonymous(), MessageKinds.Enroll, digitalId, cancellationToken);
            }
            catch (AgentException waiting) when (waiting.Code == AgentErrors.AwaitingApproval)
            {
                state.Phase = DevicePhase.PendingApproval;
                state.L0EnrolmentSecret = null; // consumed by the server: it now knows the device by its key
                session.Save();
                session.Log.Info("enrol-awaiting-approval", "L0 enrolment recorded by the server");
                throw;
            }

            var result = (EnrollmentResultBody)answer.Body;
            state.CertificatePem = CertificateFacts.IssuedFor(result.CertChain, key, session.SerialNo);
            state.MgmtId = result.MgmtId;
            state.KeyGeneration = 1;
            state.Policy = result.Policy;
            state.Phase = DevicePhase.PendingConfirm;
            state.L0EnrolmentSecret = null;
            session.Save();
            session.Log.Info("enrolled", $"certificate {CertificateFacts.SerialOf(state.CertificatePem)} issued, confirming");
        }
        finally
        {
            key.Dispose();
        }

        await ConfirmAsync(session, cancellationToken);
    }

    private static async Task ConfirmAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        var state = session.State;
        session.ResetDeviceSigner();
        var signer = await session.DeviceSignerAsync(cancellationToken);
        var digitalId = await session.DigitalIdAsync(signer, cancellationToken);
        var certSerial = CertificateFacts.SerialOf(signer.Certificate);
        await session.ExchangeAsync("/v1/enroll/confirm", new EnrollConfirmBody(certSerial), signer, session.Link.Mutual(signer.Certificate), MessageKinds.EnrollConfirm, digitalId, cancellationToken);
        state.Phase = DevicePhase.Active;
        state.LastTimeSync ??= ProtocolTimestamp.ToText(session.Clock.GetUtcNow());
        session.Save();
        session.Log.Info("confirmed", $"certificate {certSerial} active");
    }

    // An L0 device enrols with the key whose hash the whitelist pre-registered (made when it was provisioned); an L1
    // device makes a fresh one, replacing a key left by an interrupted attempt (never certified).
    private static async Task<RSA> DeviceKeyAsync(DeviceSession session, string label, CancellationToken cancellationToken)
    {
        if (!session.State.Identity.IsL1)
        {
            return await session.Keys.OpenAsync(label, cancellationToken)
                ?? throw new AgentException(AgentErrors.KeyStore, $"the pre-registered L0 key {label} is missing from the {session.Keys.Kind} key store");
        }

        await session.Keys.DestroyAsync(label, cancellationToken);
        return await session.Keys.CreateAsync(label, cancellationToken);
    }

    // An L0 device has no chip certificate: its JWS carries a self-signed certificate of the device key, which the server
    // matches against the whitelist's pre-registered key hash.
    private static X509Certificate2 SelfCertificate(RSA key, string serialNo, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={serialNo}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
