namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>One RFC 8941 parameter; the value is a <see cref="long"/>, <see cref="string"/>, <see cref="SfToken"/>, <see cref="byte"/>[] or <see cref="bool"/>.</summary>
internal sealed record SfParameter(string Name, object Value);
