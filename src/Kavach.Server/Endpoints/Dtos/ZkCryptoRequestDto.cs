namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/zkEncrypt</c> and <c>/zkDecrypt</c>.</summary>
public sealed class ZkCryptoRequestDto
{
    /// <summary>The UIN or VID (required; never logged).</summary>
    public string? Id { get; set; }

    /// <summary>The attributes.</summary>
    public List<ZkDataAttributeDto>? ZkDataAttributes { get; set; }
}
