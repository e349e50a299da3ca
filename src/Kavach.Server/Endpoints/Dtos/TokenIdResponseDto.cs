using System.Text.Json.Serialization;

namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/tokenid/{uin}/{partnercode}</c>.</summary>
public sealed record TokenIdResponseDto([property: JsonPropertyName("tokenID")] string TokenId);
