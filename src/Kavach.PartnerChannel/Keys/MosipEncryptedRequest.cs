namespace Kavach.PartnerChannel.Keys;

/// <summary>The encrypted members of an IDA request, base64url-decoded.</summary>
/// <param name="EncryptedSessionKey"><c>requestSessionKey</c>: RSA-OAEP-SHA256 of the AES-256 session key.</param>
/// <param name="EncryptedRequest"><c>request</c>: MOSIP AES-GCM of the JSON request.</param>
/// <param name="EncryptedHmac"><c>requestHMAC</c>: MOSIP AES-GCM of the upper-case hex SHA-256 of the request.</param>
/// <param name="Thumbprint"><c>thumbprint</c>: SHA-256 of the recipient's encryption certificate.</param>
public sealed record MosipEncryptedRequest(byte[] EncryptedSessionKey, byte[] EncryptedRequest, byte[] EncryptedHmac, byte[] Thumbprint);
