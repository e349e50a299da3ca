using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Operations;

/// <summary>
/// Trusted time from the server only (spec §4.7): an enrolled device asks <c>/v1/time</c> with a fresh nonce the signed
/// answer must carry; a device not yet enrolled takes the signed challenge time. The round trip is measured on the
/// monotonic clock; a slow answer or one before the high-water mark is refused and alerted.
/// </summary>
public static class TimeSync
{
    /// <summary>Synchronises the clock; returns the trusted time.</summary>
    public static async Task<DateTimeOffset> SyncAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.State.Phase != DevicePhase.Active)
        {
            await session.ChallengeAsync(cancellationToken, takeTime: true);
            session.Save();
            return session.Clock.GetUtcNow();
        }

        if (!session.Clock.HasTrustedTime)
        {
            // The time request itself carries a timestamp the server checks: the signed challenge gives a first one.
            await session.ChallengeAsync(cancellationToken);
        }

        var nonce = ProtocolValues.NewNonce();
        var signer = await session.DeviceSignerAsync(cancellationToken);
        var digitalId = await session.DigitalIdAsync(null, cancellationToken);
        var sentAt = session.Clock.Mark();
        var answer = await session.ExchangeAsync("/v1/time", new TimeRequestBody(nonce), signer, session.Link.Mutual(signer.Certificate), MessageKinds.Time, digitalId, cancellationToken, timeNonce: nonce);
        var time = (TimeResponseBody)answer.Body;
        string? refusal = null;
        if (!ProtocolTimestamp.TryParse(time.ServerTime, out var serverTime) || !session.Clock.TryAccept(serverTime, time.RadiusMs, sentAt, out refusal))
        {
            session.Log.Alert("time-refused", refusal ?? "signed server time unreadable");
            throw new AgentException(AgentErrors.Time, "the server's signed time was refused (round trip or high-water mark)");
        }

        session.State.LastTimeSync = ProtocolTimestamp.ToText(session.Clock.GetUtcNow());
        session.Save();
        session.Log.Info("time-synced", $"uncertainty {session.Clock.Uncertainty.TotalMilliseconds:F0} ms");
        return session.Clock.GetUtcNow();
    }
}
