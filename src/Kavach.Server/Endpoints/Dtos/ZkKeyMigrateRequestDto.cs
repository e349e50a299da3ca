namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/migrateZKKeys</c> (MOSIP's ZKKeyMigrateRequestDto).</summary>
public sealed class ZkKeyMigrateRequestDto
{
    /// <summary>The pool keys, each encrypted to the temporary certificate (required; may be empty to purge only).</summary>
    public List<ZkKeyDataDto?>? ZkEncryptedDataList { get; set; }

    /// <summary>True: delete the temporary key after this request.</summary>
    public bool? PurgeTempKeyFlag { get; set; }
}
