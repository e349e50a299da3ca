using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>
/// A response that passed the client checks of spec §4.3: chain to the pinned server-signing root, RS256, request
/// binding, audience, time, sequence. Its commands are read against the catalogue: only
/// <see cref="CatalogueCommand.IsExecutable"/> ones may run; the rest are reported as <c>REJECTED</c>.
/// </summary>
/// <param name="Payload">The payload.</param>
/// <param name="Body">The kind's body.</param>
/// <param name="Commands">Every command, read against the catalogue, in order.</param>
/// <param name="SigningCertificate">The server signing certificate (<c>x5c[0]</c>).</param>
/// <param name="Timestamp">The signed timestamp.</param>
/// <param name="Expires">The response's <c>exp</c>.</param>
public sealed record VerifiedDownlink(
    DownlinkPayload Payload,
    IDownlinkBody Body,
    IReadOnlyList<CatalogueCommand> Commands,
    X509Certificate2 SigningCertificate,
    DateTimeOffset Timestamp,
    DateTimeOffset Expires);
