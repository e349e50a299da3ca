namespace Kavach.Keys.Signatures;

/// <summary>A raw signature with what <c>/signRawData</c> returns beside it.</summary>
public sealed record RawSignature(string Signature, string? KeyId, string CertificatePem, string Algorithm);
