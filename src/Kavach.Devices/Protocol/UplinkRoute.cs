using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>What one device endpoint accepts: its message kind (hence its JWS <c>typ</c>), its exact audience URL, and the TLS binding.</summary>
/// <param name="Kind">The uplink kind (<see cref="MessageKinds"/>).</param>
/// <param name="Audience">The exact <c>aud</c>: the endpoint's public URL, e.g. <c>https://dm.example/v1/checkin</c>.</param>
/// <param name="Binding">Whether <c>x5c[0]</c> must equal the TLS client certificate.</param>
public sealed record UplinkRoute(string Kind, string Audience, TlsBinding Binding)
{
    /// <summary>The JWS <c>typ</c> this route accepts.</summary>
    public string Typ => MessageKinds.UplinkType(Kind);

    /// <summary>
    /// The route for <paramref name="kind"/> at <paramref name="audience"/>, with the spec's binding: none for enroll and
    /// reenroll (FTM-signed), if presented for time, required for everything else.
    /// </summary>
    public static UplinkRoute For(string kind, string audience)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        if (!MessageKinds.IsUplinkKind(kind))
        {
            throw new ArgumentException("Not an uplink message kind.", nameof(kind));
        }

        TlsBinding binding = kind switch
        {
            MessageKinds.Enroll or MessageKinds.Reenroll => TlsBinding.None,
            MessageKinds.Time => TlsBinding.IfPresented,
            _ => TlsBinding.Required,
        };
        return new UplinkRoute(kind, audience, binding);
    }
}
