namespace Kavach.Devices.Protocol;

/// <summary>How an uplink's signing certificate relates to the TLS client certificate of its connection (spec §4.3 step 5).</summary>
public enum TlsBinding
{
    /// <summary>A TLS client certificate must be presented and be byte-equal to <c>x5c[0]</c> (every device route).</summary>
    Required,

    /// <summary>Optional; when one is presented it must be byte-equal to <c>x5c[0]</c> (time).</summary>
    IfPresented,

    /// <summary>Not compared: the message is signed by the FTM key while TLS carries no or another certificate (enroll, reenroll).</summary>
    None,
}
