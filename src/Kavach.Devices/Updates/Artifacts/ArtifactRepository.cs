using Kavach.Devices.Registry;
using System.Buffers;
using System.Security.Cryptography;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Verification;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Updates.Artifacts;

/// <summary>
/// Update artifacts, content-addressed: each file lives under <see cref="UpdateOptions.ArtifactDirectory"/> named by
/// its SHA-256, its metadata in the database. Uploads stream to a temporary file while hashing, stop at
/// <see cref="UpdateOptions.MaxArtifactBytes"/>, and are renamed into place only when complete (and, when the
/// uploader states one, when the hash matches); uploading the same bytes twice is harmless. Files are never changed
/// in place, so a replica reading one never sees half a file. With several replicas the directory is shared storage
/// (or each replica receives the upload) — the database row says which hashes exist.
/// </summary>
public sealed class ArtifactRepository
{
    private const int BufferSize = 81920;

    private readonly IDeviceUpdateStore _store;
    private readonly IDeviceAudit _audit;
    private readonly UpdateOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the repository.</summary>
    public ArtifactRepository(IDeviceUpdateStore store, IDeviceAudit audit, UpdateOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _audit = audit;
        _options = options;
        _time = time;
    }

    /// <summary>Stores an uploaded artifact (admin; the host allows a larger body on this route only).</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="name">A plain file name for it.</param>
    /// <param name="expectedSha256">The hash the uploader computed, checked when given.</param>
    /// <param name="principal">The administrator.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing is kept.</param>
    public async Task<Result<ArtifactRecord>> UploadAsync(Stream content, string name, string? expectedSha256, string principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(principal);
        if (!UpdateDocumentCodec.IsPlainFileName(name) || (expectedSha256 is not null && !IsSha256(expectedSha256)))
        {
            return await RefuseAsync(principal, UpdateErrors.InvalidArtifact, "bad-name-or-hash", cancellationToken);
        }

        var directory = Directory.CreateDirectory(_options.ArtifactDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = Path.Combine(directory.FullName, ".upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (length, sha256) = await CopyAsync(content, temporary, cancellationToken);
            if (length < 0)
            {
                return await RefuseAsync(principal, UpdateErrors.ArtifactTooLarge, "max=" + _options.MaxArtifactBytes, cancellationToken);
            }

            if (length == 0)
            {
                return await RefuseAsync(principal, UpdateErrors.InvalidArtifact, "empty", cancellationToken);
            }

            if (expectedSha256 is not null && !string.Equals(expectedSha256, sha256, StringComparison.Ordinal))
            {
                return await RefuseAsync(principal, UpdateErrors.ArtifactHashMismatch, "sha256=" + sha256, cancellationToken);
            }

            var final = Path.Combine(directory.FullName, sha256);
            if (File.Exists(final))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, final);
            }

            var record = new ArtifactRecord(sha256, length, name, principal, _time.GetUtcNow());
            if (!await _store.TryInsertArtifactAsync(record, cancellationToken))
            {
                record = (await _store.GetArtifactAsync(sha256, cancellationToken))!;
            }

            await _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), "device.update.artifact.upload", principal, AuditOutcomes.Success, null, $"sha256={sha256} length={length}"), cancellationToken);
            return record;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Opens an artifact for download; <see cref="UpdateErrors.ArtifactNotFound"/> for an unknown (or malformed) hash.</summary>
    public async Task<Result<ArtifactContent>> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (!IsSha256(sha256) || await _store.GetArtifactAsync(sha256, cancellationToken) is not { } record)
        {
            return UpdateErrors.ArtifactNotFound;
        }

        var path = Path.Combine(_options.ArtifactDirectory, sha256);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return UpdateErrors.ArtifactNotFound;
        }

        if (stream.Length != record.Length)
        {
            await stream.DisposeAsync();
            return UpdateErrors.ArtifactNotFound;
        }

        return new ArtifactContent(stream, record.Length, record.Sha256, record.Name);
    }

    private static bool IsSha256(string value) =>
        value is { Length: 64 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    // Returns length −1 when the cap was passed.
    private async Task<(long Length, string Sha256)> CopyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Options = FileOptions.Asynchronous,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                total += read;
                if (total > _options.MaxArtifactBytes)
                {
                    return (-1, string.Empty);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<KavachError> RefuseAsync(string principal, KavachError error, string reason, CancellationToken cancellationToken)
    {
        await _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), "device.update.artifact.upload", principal, error.Code, null, "reason=" + reason), cancellationToken);
        return error;
    }
}
