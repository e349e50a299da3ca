using System.Security.Claims;
using Kavach.Keys.ClientCrypto;
using Kavach.Keys.Errors;
using Kavach.Keys.TokenIds;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary>Zero-knowledge encryption (§7), token IDs (§8) and client crypto (§9).</summary>
public static class IdentityEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapIdentityEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/zkEncrypt", async Task<Outcome<ZkCryptoResponseDto>> (EnvelopeRequest<ZkCryptoRequestDto> envelope, ZkCryptoService zk, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Id, "id");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            if (NullAttribute(request) is { } missing)
            {
                return ClientMistake.Of<ZkCryptoResponseDto>([missing]);
            }

            var result = await zk.EncryptAsync(request.Id!, Attributes(request), Callers.Of(user), ct);
            return result.IsSuccess
                ? new ZkCryptoResponseDto(Dtos(result.Value.Attributes), result.Value.EncryptedRandomKey, result.Value.RandomKeyIndex)
                : result.Error;
        })
        .Describe(
            "zkEncrypt",
            ApiTags.ZeroKnowledge,
            "Encrypts identity attributes under keys derived for one identity",
            [
                ErrorCodes.ZkEmptyData, ErrorCodes.ZkNoUniqueAlias, ErrorCodes.ZkRandomKeyCipherFailed, ErrorCodes.ZkKeyDerivationError,
                ErrorCodes.DecryptNotAllowed
            ],
            """{"id":"4342567890","zkDataAttributes":[{"identifier":"fullName","value":"John Doe"},{"identifier":"dateOfBirth","value":"1990/01/01"}]}""");

        group.MapPost("/zkDecrypt", async Task<Outcome<ZkCryptoResponseDto>> (EnvelopeRequest<ZkCryptoRequestDto> envelope, ZkCryptoService zk, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Id, "id");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            if (NullAttribute(request) is { } missing)
            {
                return ClientMistake.Of<ZkCryptoResponseDto>([missing]);
            }

            var result = await zk.DecryptAsync(request.Id!, Attributes(request), Callers.Of(user), ct);
            return result.IsSuccess ? new ZkCryptoResponseDto(Dtos(result.Value), null, null) : result.Error;
        })
        .Describe(
            "zkDecrypt",
            ApiTags.ZeroKnowledge,
            "Decrypts identity attributes encrypted by zkEncrypt for the same identity",
            [
                ErrorCodes.ZkEmptyData, ErrorCodes.ZkDataCipherError, ErrorCodes.ZkInvalidFormat, ErrorCodes.ZkNoUniqueAlias,
                ErrorCodes.ZkKeyDerivationError, ErrorCodes.DecryptNotAllowed
            ],
            """{"id":"4342567890","zkDataAttributes":[{"identifier":"fullName","value":"AAAAAAAAAAAAAAAAAAAAAJ0h3v...hK"},{"identifier":"dateOfBirth","value":"AAAAAAAAAAAAAAAAAAAAAK1q...Qw"}]}""");

        // MOSIP takes the key from the query of a POST without a body.
        group.MapPost("/zkReEncryptRandomKey", async Task<Outcome<ReEncryptRandomKeyResponseDto>> (string? encryptedKey, ZkCryptoService zk, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await zk.ReEncryptRandomKeyAsync(encryptedKey, Callers.Of(user), ct);
            return result.IsSuccess ? new ReEncryptRandomKeyResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "zkReEncryptRandomKey",
            ApiTags.ZeroKnowledge,
            "Re-encrypts a ZK random key from the master key to the ID authentication key",
            [ErrorCodes.ZkInvalidEncryptedRandomKey, ErrorCodes.ZkRandomKeyCipherFailed, ErrorCodes.ZkNoUniqueAlias, ErrorCodes.DecryptNotAllowed],
            description: "As in MOSIP, the key comes in the `encryptedKey` query parameter of a POST without a body.");

        group.MapGet("/tokenid/{uin}/{partnercode}", Outcome<TokenIdResponseDto> (string uin, string partnercode, TokenIdGenerator tokenIds) =>
        {
            var result = tokenIds.Generate(uin, partnercode);
            return result.IsSuccess ? new TokenIdResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "generateTokenID",
            ApiTags.TokenId,
            "Derives the token id of an identity (UIN) for a partner",
            [ErrorCodes.TokenIdEmptyInput],
            description: "The same UIN and partner give the same token id as long as the token-id salts are kept (back them up).");

        group.MapPost("/cssign", async Task<Outcome<DataResponseDto>> (EnvelopeRequest<ClientCryptoRequestDto> envelope, ClientCryptoService clientCrypto, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var validator = new RequestValidator().NotBlank(envelope.Request.Data, "data");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await clientCrypto.SignAsync(envelope.Request.Data!, Callers.Of(user), ct);
            return result.IsSuccess ? new DataResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "signData",
            ApiTags.ClientCrypto,
            "Signs data with the server's client-crypto key",
            [ErrorCodes.ClientCryptoFailed, ErrorCodes.SignNotAllowed, ErrorCodes.TpmRequired],
            """{"data":"ZGF0YSB0byBzaWduIGZyb20gdGhlIHJlZ2lzdHJhdGlvbiBjbGllbnQ"}""");

        group.MapPost("/csverifysign", Outcome<VerifiedResponseDto> (EnvelopeRequest<ClientCryptoRequestDto> envelope) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Data, "data").NotBlank(request.Signature, "signature").NotBlank(request.PublicKey, "publicKey");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = ClientCryptoService.Verify(request.Data!, request.Signature!, request.PublicKey!);
            return result.IsSuccess ? new VerifiedResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "verifySignature",
            ApiTags.ClientCrypto,
            "Verifies a client's signature with its public key",
            [ErrorCodes.ClientCryptoFailed],
            """{"data":"ZGF0YSB0byBzaWduIGZyb20gdGhlIHJlZ2lzdHJhdGlvbiBjbGllbnQ","signature":"Tj8kq2Vb...x0","publicKey":"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo...IDAQAB","clientType":"LOCAL"}""");

        group.MapPost("/tpmencrypt", Outcome<ValueResponseDto> (EnvelopeRequest<ClientCryptoRequestDto> envelope) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Value, "value").NotBlank(request.PublicKey, "publicKey");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            if (!TryParseClientType(request.ClientType, out var clientType))
            {
                return ErrorCodes.ClientCryptoFailed;
            }

            var result = ClientCryptoService.Encrypt(request.Value!, request.PublicKey!, clientType);
            return result.IsSuccess ? new ValueResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "tpmEncrypt",
            ApiTags.ClientCrypto,
            "Encrypts data to a client's public key (TPM, Android or local key)",
            [ErrorCodes.ClientCryptoFailed],
            """{"value":"c2Vzc2lvbiBrZXkgZm9yIHRoZSBjbGllbnQ","publicKey":"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo...IDAQAB","clientType":"LOCAL"}""");

        group.MapPost("/tpmdecrypt", async Task<Outcome<ValueResponseDto>> (EnvelopeRequest<ClientCryptoRequestDto> envelope, ClientCryptoService clientCrypto, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var validator = new RequestValidator().NotBlank(envelope.Request.Value, "value");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await clientCrypto.DecryptAsync(envelope.Request.Value!, Callers.Of(user), ct);
            return result.IsSuccess ? new ValueResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "tpmDecrypt",
            ApiTags.ClientCrypto,
            "Decrypts data encrypted to the server's client-crypto key",
            [ErrorCodes.ClientCryptoFailed, ErrorCodes.DecryptNotAllowed, ErrorCodes.TpmRequired],
            """{"value":"Vz3q8pD1...Rk"}""");

        foreach (var (path, signing, operationId) in new[] { ("/tpmsigning/publickey", true, "getSigningPublicKey"), ("/tpmencryption/publickey", false, "getEncPublicKey") })
        {
            group.MapPost(path, async Task<Outcome<PublicKeyResponseDto>> (EnvelopeRequest<ClientCryptoRequestDto> envelope, ClientCryptoService clientCrypto, CancellationToken ct) =>
            {
                var validator = new RequestValidator().NotBlank(envelope.Request.ServerProfile, "serverProfile");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var result = signing
                    ? await clientCrypto.SigningPublicKeyAsync(ct)
                    : await clientCrypto.PublicKeyAsync(ct);
                return result.IsSuccess ? new PublicKeyResponseDto(result.Value) : result.Error;
            })
            .Describe(
                operationId,
                ApiTags.ClientCrypto,
                signing ? "Returns the server's client-crypto signing public key" : "Returns the server's client-crypto encryption public key",
                [ErrorCodes.ClientCryptoFailed],
                """{"serverProfile":"default"}""");
        }
    }

    // A null entry in zkDataAttributes (MOSIP fails with a 500 on it).
    private static KavachError? NullAttribute(ZkCryptoRequestDto request)
    {
        var index = request.ZkDataAttributes?.IndexOf(null!) ?? -1;
        return index < 0 ? null : ErrorCodes.InvalidRequest with { Message = $"request.zkDataAttributes[{index}] {RequestValidator.NotBlankMessage}" };
    }

    private static List<ZkAttribute> Attributes(ZkCryptoRequestDto request) =>
        (request.ZkDataAttributes ?? []).Select(a => new ZkAttribute(a.Identifier, a.Value)).ToList();

    private static List<ZkDataAttributeDto> Dtos(IEnumerable<ZkAttribute> attributes) =>
        attributes.Select(a => new ZkDataAttributeDto(a.Identifier, a.Value)).ToList();

    private static bool TryParseClientType(string? value, out ClientType clientType)
    {
        clientType = ClientType.Local;
        return string.IsNullOrWhiteSpace(value) || Enum.TryParse(value, ignoreCase: true, out clientType);
    }
}
