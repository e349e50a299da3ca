using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Enrolment;

/// <summary>An enrolment message that passed the protocol's uplink reader (§4.3) for the route's kind and audience.</summary>
/// <param name="Signer">The inner JWS's <c>x5c[0]</c>, whose key signed it; who it must be is enrolment's check.</param>
/// <param name="Payload">Its payload.</param>
/// <param name="Body">The kind's body.</param>
/// <param name="Timestamp">The payload's timestamp.</param>
internal sealed record EnrolmentMessage(X509Certificate2 Signer, UplinkPayload Payload, IUplinkBody Body, DateTimeOffset Timestamp);
