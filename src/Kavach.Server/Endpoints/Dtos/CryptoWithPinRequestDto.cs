namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/encryptWithPin</c> and <c>/decryptWithPin</c>.</summary>
public sealed class CryptoWithPinRequestDto
{
    /// <summary>The text to encrypt, or the ciphertext (required).</summary>
    public string? Data { get; set; }

    /// <summary>The PIN (required).</summary>
    public string? UserPin { get; set; }
}
