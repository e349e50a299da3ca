using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Enrolment;

/// <summary>An enrolment message that decrypted, parsed strictly and verified under its own <c>x5c[0]</c>, for the route's kind and audience, inside the time window.</summary>
/// <param name="Token">The inner JWS.</param>
/// <param name="Payload">Its payload.</param>
/// <param name="Body">The kind's body.</param>
/// <param name="Timestamp">The payload's timestamp.</param>
internal sealed record EnrolmentMessage(StrictJwsToken Token, UplinkPayload Payload, IUplinkBody Body, DateTimeOffset Timestamp);
