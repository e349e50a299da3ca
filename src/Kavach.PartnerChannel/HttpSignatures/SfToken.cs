namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>An RFC 8941 token (kept apart from strings: they serialize differently).</summary>
internal readonly record struct SfToken(string Value);
