using System.Buffers;
using System.Security.Cryptography;

namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// Copies an artifact from the network to local storage, never reading more than the manifest's length + 1 bytes
/// (endless data stops at the cap) and hashing as it goes. The destination holds unverified bytes until this returns
/// <see cref="UpdateRefusal.None"/>; on any refusal the caller discards them.
/// </summary>
public static class ArtifactDownload
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> and checks length and SHA-256 against <paramref name="artifact"/>.</summary>
    public static async Task<UpdateRefusal> CopyVerifiedAsync(Stream source, ReleaseArtifact artifact, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(destination);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                // Ask for at most one byte past the cap: enough to know the source is too long, never more.
                var wanted = (int)Math.Min(buffer.Length, artifact.Length + 1 - total);
                var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > artifact.Length)
                {
                    return UpdateRefusal.ArtifactTooLong;
                }

                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (total < artifact.Length)
            {
                return UpdateRefusal.ArtifactTruncated;
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(artifact.Sha256))
                ? UpdateRefusal.None
                : UpdateRefusal.ArtifactHashMismatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
