namespace Kavach.Devices.Updates.Artifacts;

/// <summary>An artifact opened for download: a seekable read-only stream the caller disposes, its length and hash. The host serves it with ASP.NET's range processing (<c>Results.Stream(..., enableRangeProcessing: true)</c>).</summary>
/// <param name="Content">The bytes; seekable, so Range requests are served without reading what precedes.</param>
/// <param name="Length">Its length.</param>
/// <param name="Sha256">Lower-case hex SHA-256 (also a strong ETag).</param>
/// <param name="Name">The uploader's name for it.</param>
public sealed record ArtifactContent(Stream Content, long Length, string Sha256, string Name);
