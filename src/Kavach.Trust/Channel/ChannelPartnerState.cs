namespace Kavach.Trust.Channel;

/// <summary>Whether an onboarded partner may talk over the partner channel.</summary>
public enum ChannelPartnerState
{
    /// <summary>Onboarded; its three certificates are accepted.</summary>
    Active,

    /// <summary>Revoked: its TLS, signature and encryption certificates are all refused.</summary>
    Revoked,
}
