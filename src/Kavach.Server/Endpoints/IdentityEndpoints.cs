using Kavach.Keys.ClientCrypto;
using Kavach.Keys.Errors;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Server.Composition;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary>Zero-knowledge encryption (§7), token IDs (§8) and client crypto (§9).</summary>
public static class IdentityEndpoints
{
    private static readonly KavachJsonContext Json = KavachJsonContext.Default;

    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapIdentityEndpoints(this RouteGroupBuilder group)
    {
        group.MapEnvelope("/zkEncrypt", Json.RequestEnvelopeZkCryptoRequestDto, Json.ResponseEnvelopeZkCryptoResponseDto, async call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Id, "id");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            if (NullAttribute(call.Request) is { } missing)
            {
                return ClientMistake.Of<ZkCryptoResponseDto>([missing]);
            }

            var result = await call.Runtime.Zk.EncryptAsync(call.Request.Id!, Attributes(call.Request), call.Caller, call.CancellationToken);
            return result.IsSuccess
                ? new ZkCryptoResponseDto(Dtos(result.Value.Attributes), result.Value.EncryptedRandomKey, result.Value.RandomKeyIndex)
                : result.Error;
        });

        group.MapEnvelope("/zkDecrypt", Json.RequestEnvelopeZkCryptoRequestDto, Json.ResponseEnvelopeZkCryptoResponseDto, async call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Id, "id");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            if (NullAttribute(call.Request) is { } missing)
            {
                return ClientMistake.Of<ZkCryptoResponseDto>([missing]);
            }

            var result = await call.Runtime.Zk.DecryptAsync(call.Request.Id!, Attributes(call.Request), call.Caller, call.CancellationToken);
            return result.IsSuccess ? new ZkCryptoResponseDto(Dtos(result.Value), null, null) : result.Error;
        });

        group.MapPost("/zkReEncryptRandomKey", (HttpContext context, string? encryptedKey, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopeReEncryptRandomKeyResponseDto, async ct =>
            {
                var result = await runtime.Current.Zk.ReEncryptRandomKeyAsync(encryptedKey, Callers.Of(context.User), ct);
                return result.IsSuccess ? new ReEncryptRandomKeyResponseDto(result.Value) : (Outcome<ReEncryptRandomKeyResponseDto>)result.Error;
            }))
            .Produces<ResponseEnvelope<ReEncryptRandomKeyResponseDto>>();

        group.MapGet("/tokenid/{uin}/{partnercode}", (HttpContext context, string uin, string partnercode, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopeTokenIdResponseDto, ct =>
            {
                var result = runtime.Current.TokenIds.Generate(uin, partnercode);
                return Task.FromResult(result.IsSuccess ? new TokenIdResponseDto(result.Value) : (Outcome<TokenIdResponseDto>)result.Error);
            }))
            .Produces<ResponseEnvelope<TokenIdResponseDto>>();

        group.MapEnvelope("/cssign", Json.RequestEnvelopeClientCryptoRequestDto, Json.ResponseEnvelopeDataResponseDto, async call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Data, "data");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.ClientCrypto.SignAsync(call.Request.Data!, call.Caller, call.CancellationToken);
            return result.IsSuccess ? new DataResponseDto(result.Value) : result.Error;
        });

        group.MapEnvelope("/csverifysign", Json.RequestEnvelopeClientCryptoRequestDto, Json.ResponseEnvelopeVerifiedResponseDto, call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.Data, "data").NotBlank(request.Signature, "signature").NotBlank(request.PublicKey, "publicKey");
            Outcome<VerifiedResponseDto> outcome;
            if (validator.Failed)
            {
                outcome = validator.Errors;
            }
            else
            {
                var result = ClientCryptoService.Verify(request.Data!, request.Signature!, request.PublicKey!);
                outcome = result.IsSuccess ? new VerifiedResponseDto(result.Value) : result.Error;
            }

            return Task.FromResult(outcome);
        });

        group.MapEnvelope("/tpmencrypt", Json.RequestEnvelopeClientCryptoRequestDto, Json.ResponseEnvelopeValueResponseDto, call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.Value, "value").NotBlank(request.PublicKey, "publicKey");
            Outcome<ValueResponseDto> outcome;
            if (validator.Failed)
            {
                outcome = validator.Errors;
            }
            else if (!TryParseClientType(request.ClientType, out var clientType))
            {
                outcome = ErrorCodes.ClientCryptoFailed;
            }
            else
            {
                var result = ClientCryptoService.Encrypt(request.Value!, request.PublicKey!, clientType);
                outcome = result.IsSuccess ? new ValueResponseDto(result.Value) : result.Error;
            }

            return Task.FromResult(outcome);
        });

        group.MapEnvelope("/tpmdecrypt", Json.RequestEnvelopeClientCryptoRequestDto, Json.ResponseEnvelopeValueResponseDto, async call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Value, "value");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.ClientCrypto.DecryptAsync(call.Request.Value!, call.Caller, call.CancellationToken);
            return result.IsSuccess ? new ValueResponseDto(result.Value) : result.Error;
        });

        foreach (var (path, signing) in new[] { ("/tpmsigning/publickey", true), ("/tpmencryption/publickey", false) })
        {
            group.MapEnvelope(path, Json.RequestEnvelopeClientCryptoRequestDto, Json.ResponseEnvelopePublicKeyResponseDto, async call =>
            {
                var validator = new RequestValidator().NotBlank(call.Request.ServerProfile, "serverProfile");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var result = signing
                    ? await call.Runtime.ClientCrypto.SigningPublicKeyAsync(call.CancellationToken)
                    : await call.Runtime.ClientCrypto.PublicKeyAsync(call.CancellationToken);
                return result.IsSuccess ? new PublicKeyResponseDto(result.Value) : result.Error;
            });
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
