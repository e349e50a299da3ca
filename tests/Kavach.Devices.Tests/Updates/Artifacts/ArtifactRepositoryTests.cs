using System.Security.Cryptography;
using Kavach.Devices.Updates;

namespace Kavach.Devices.Tests.Updates.Artifacts;

/// <summary>Content-addressed artifact storage: uploads stop at the cap, hashes are checked, only complete files are served, seekable for Range.</summary>
public sealed class ArtifactRepositoryTests : IAsyncLifetime
{
    private UpdateServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new UpdateServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_upload_is_stored_under_its_hash_and_served_seekable()
    {
        var bytes = UpdateDocuments.Artifact(300_000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var uploaded = await _server.Artifacts.UploadAsync(new MemoryStream(bytes), "firmware.bin", sha256, "alice", UpdateServer.Ct);
        var again = await _server.Artifacts.UploadAsync(new MemoryStream(bytes), "firmware.bin", null, "bob", UpdateServer.Ct);

        Assert.Equal(sha256, uploaded.Value.Sha256);
        Assert.Equal("alice", again.Value.UploadedBy);
        Assert.Equal([sha256], Directory.GetFiles(_server.ArtifactDirectory).Select(Path.GetFileName));
        var opened = (await _server.Artifacts.OpenAsync(sha256, UpdateServer.Ct)).Value;
        await using (opened.Content)
        {
            Assert.True(opened.Content.CanSeek);
            Assert.Equal(bytes.Length, opened.Length);
            opened.Content.Seek(100_000, SeekOrigin.Begin);
            var range = new byte[10];
            await opened.Content.ReadExactlyAsync(range);
            Assert.Equal(bytes.AsSpan(100_000, 10).ToArray(), range);
        }
    }

    [Fact]
    public async Task An_upload_past_the_cap_is_refused_and_leaves_nothing()
    {
        _server.Options.MaxArtifactBytes = 1000;

        var result = await _server.Artifacts.UploadAsync(new MemoryStream(UpdateDocuments.Artifact(1001)), "firmware.bin", null, "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.ArtifactTooLarge, result.Error);
        Assert.Empty(Directory.GetFiles(_server.ArtifactDirectory));
    }

    [Fact]
    public async Task An_upload_with_another_hash_than_stated_is_refused_and_leaves_nothing()
    {
        var result = await _server.Artifacts.UploadAsync(new MemoryStream(UpdateDocuments.Artifact(1000)), "firmware.bin", new string('0', 64), "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.ArtifactHashMismatch, result.Error);
        Assert.Empty(Directory.GetFiles(_server.ArtifactDirectory));
        Assert.Contains(_server.Audit.Of("device.update.artifact.upload"), e => e.Outcome == UpdateErrors.ArtifactHashMismatch.Code);
    }

    [Theory]
    [InlineData("../firmware.bin")]
    [InlineData(".hidden")]
    [InlineData("")]
    public async Task Names_that_are_not_plain_file_names_are_refused(string name)
    {
        var result = await _server.Artifacts.UploadAsync(new MemoryStream(UpdateDocuments.Artifact(10)), name, null, "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.InvalidArtifact, result.Error);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Unknown_or_malformed_hashes_are_not_found(string sha256)
    {
        Assert.Equal(UpdateErrors.ArtifactNotFound, (await _server.Artifacts.OpenAsync(sha256, UpdateServer.Ct)).Error);
    }
}
