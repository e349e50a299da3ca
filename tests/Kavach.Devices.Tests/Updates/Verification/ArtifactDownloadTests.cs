using System.Security.Cryptography;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Tests.Updates.Verification;

/// <summary>The capped, hashed artifact download (§5.3: endless data, hash mismatch).</summary>
public sealed class ArtifactDownloadTests
{
    [Fact]
    public async Task An_artifact_of_the_stated_length_and_hash_is_accepted()
    {
        var bytes = UpdateDocuments.Artifact(200_000);
        var artifact = new ReleaseArtifact("firmware.bin", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var destination = new MemoryStream();

        Assert.Equal(UpdateRefusal.None, await ArtifactDownload.CopyVerifiedAsync(new MemoryStream(bytes), artifact, destination, CancellationToken.None));
        Assert.Equal(bytes, destination.ToArray());
    }

    [Fact]
    public async Task Attack_endless_data_is_cut_off_one_byte_past_the_stated_length()
    {
        var artifact = new ReleaseArtifact("firmware.bin", 100_000, new string('0', 64));
        var endless = new EndlessStream();
        using var destination = new MemoryStream();

        var refusal = await ArtifactDownload.CopyVerifiedAsync(endless, artifact, destination, CancellationToken.None);

        Assert.Equal(UpdateRefusal.ArtifactTooLong, refusal);
        Assert.Equal(artifact.Length + 1, endless.BytesRead);
        Assert.True(destination.Length <= artifact.Length);
    }

    [Fact]
    public async Task Attack_artifact_with_another_hash_is_refused()
    {
        var bytes = UpdateDocuments.Artifact(1000);
        var tampered = (byte[])bytes.Clone();
        tampered[500] ^= 1;
        var artifact = new ReleaseArtifact("firmware.bin", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        Assert.Equal(UpdateRefusal.ArtifactHashMismatch, await ArtifactDownload.CopyVerifiedAsync(new MemoryStream(tampered), artifact, Stream.Null, CancellationToken.None));
    }

    [Fact]
    public async Task A_short_artifact_is_refused()
    {
        var bytes = UpdateDocuments.Artifact(1000);
        var artifact = new ReleaseArtifact("firmware.bin", bytes.Length + 1, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        Assert.Equal(UpdateRefusal.ArtifactTruncated, await ArtifactDownload.CopyVerifiedAsync(new MemoryStream(bytes), artifact, Stream.Null, CancellationToken.None));
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xAB, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
