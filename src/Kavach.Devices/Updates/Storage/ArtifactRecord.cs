namespace Kavach.Devices.Updates.Storage;

/// <summary>An uploaded artifact's metadata (table <c>device_update_artifact</c>); the bytes live in the artifact directory under their SHA-256.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the content (primary key and file name).</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Name">The name the uploader gave it.</param>
/// <param name="UploadedBy">The administrator who uploaded it.</param>
/// <param name="UploadedAt">When.</param>
public sealed record ArtifactRecord(string Sha256, long Length, string Name, string UploadedBy, DateTimeOffset UploadedAt);
