namespace Kavach.Devices.Updates.Storage;

/// <summary>A published firmware release (table <c>device_release</c>): the signed manifest and its MOSIP SBI record.</summary>
/// <param name="ReleaseCounter">The manifest's release counter (primary key).</param>
/// <param name="FirmwareVersion">The manifest's firmware version.</param>
/// <param name="HardwareIds">The manifest's <c>make/model</c> list.</param>
/// <param name="Certification">L0 or L1.</param>
/// <param name="MinReleaseCounter">The manifest's minimum installed release.</param>
/// <param name="Expires">The manifest's expiry.</param>
/// <param name="Document">The signed manifest exactly as published (UTF-8 JSON); served as <c>releases/{n}.json</c>.</param>
/// <param name="DocumentSha256">Lower-case hex SHA-256 of <paramref name="Document"/>'s UTF-8 bytes (what timestamps vouch for).</param>
/// <param name="Sbi">MOSIP's SBI record, once registered.</param>
/// <param name="PublishedBy">The administrator who published it.</param>
/// <param name="PublishedAt">When.</param>
public sealed record ReleaseRecord(
    long ReleaseCounter,
    string FirmwareVersion,
    IReadOnlyList<string> HardwareIds,
    string Certification,
    long MinReleaseCounter,
    DateTimeOffset Expires,
    string Document,
    string DocumentSha256,
    SbiRecord? Sbi,
    string PublishedBy,
    DateTimeOffset PublishedAt);
