namespace Kavach.PartnerChannel;

/// <summary>The headers through which the protected service learns the verified partner (any incoming <c>X-Kavach-*</c> is removed first).</summary>
public static class PartnerChannelHeaders
{
    /// <summary>The partner id.</summary>
    public const string PartnerId = "X-Kavach-Partner-Id";

    /// <summary>The partner's organisation.</summary>
    public const string PartnerOrganization = "X-Kavach-Partner-Organization";

    /// <summary>The partner's trust-store domain.</summary>
    public const string PartnerDomain = "X-Kavach-Partner-Domain";
}
