using Kavach.Server.OpenApi;

namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of the client-crypto endpoints (the union of TpmSignRequestDto, TpmSignVerifyRequestDto, TpmCryptoRequestDto, PublicKeyRequestDto).</summary>
public sealed class ClientCryptoRequestDto
{
    /// <summary>base64 data (sign, verify).</summary>
    public string? Data { get; set; }

    /// <summary>base64 signature (verify).</summary>
    public string? Signature { get; set; }

    /// <summary>base64 value (encrypt, decrypt).</summary>
    public string? Value { get; set; }

    /// <summary>base64 client public key: X.509 SPKI or TPMT_PUBLIC.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Deprecated; the key's form decides.</summary>
    public bool? IsTpm { get; set; }

    /// <summary><c>LOCAL</c> (default), <c>ANDROID</c> or <c>TPM</c>.</summary>
    [ApiValues("LOCAL", "ANDROID", "TPM")]
    public string? ClientType { get; set; }

    /// <summary>Ignored (public-key endpoints).</summary>
    public string? ServerProfile { get; set; }
}
