namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/getZKTempCertificate</c> (MOSIP's name, typo included): the temporary certificate and a timestamp.</summary>
public sealed record ZkKeyMigrateCertficateResponseDto(string Certificate, string Timestamp);
