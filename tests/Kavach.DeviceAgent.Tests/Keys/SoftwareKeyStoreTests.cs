using System.Security.Cryptography;
using Kavach.DeviceAgent.Keys;

namespace Kavach.DeviceAgent.Tests.Keys;

public sealed class SoftwareKeyStoreTests : IDisposable
{
    private static readonly byte[] Data = "kavach"u8.ToArray();
    private readonly string _root = Directory.CreateTempSubdirectory("kavach-agent-keys-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task File_store_writes_a_0600_pkcs8_file_in_a_0700_directory()
    {
        var directory = Path.Combine(_root, "keys");
        var store = new SoftwareKeyStore(directory);
        Assert.Equal("file", store.Kind);
        Assert.False(store.IsHardware);
        using var rsa = await store.CreateAsync("kavach-SN1-device-1", CancellationToken.None);
        Assert.Equal(2048, rsa.KeySize);

        var file = Path.Combine(directory, "kavach-SN1-device-1.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(["kavach-SN1-device-1.key"], Directory.GetFiles(directory).Select(Path.GetFileName));

        using var opened = await new SoftwareKeyStore(directory).OpenAsync("kavach-SN1-device-1", CancellationToken.None);
        Assert.NotNull(opened);
        Assert.True(rsa.VerifyData(Data, opened.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void File_store_tightens_an_existing_directory()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, "open")).FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("755", 8));
        _ = new SoftwareKeyStore(directory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public async Task File_store_refuses_a_taken_label_and_leaves_no_temporary_file()
    {
        var store = new SoftwareKeyStore(_root);
        using var first = await store.CreateAsync("k1", CancellationToken.None);
        var before = await File.ReadAllBytesAsync(Path.Combine(_root, "k1.key"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync("k1", CancellationToken.None));
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(_root, "k1.key")));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Fact]
    public async Task Concurrent_creators_of_one_label_have_one_winner()
    {
        var store = new SoftwareKeyStore(_root);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                using var rsa = await store.CreateAsync("race", CancellationToken.None);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        })));
        Assert.Equal(1, attempts.Count(won => won));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("")]
    [InlineData("key with space")]
    public async Task Bad_labels_are_refused(string label)
    {
        var store = new SoftwareKeyStore(Path.Combine(_root, "keys"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(label, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenAsync(label, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DestroyAsync(label, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Destroy_removes_the_file_and_is_idempotent()
    {
        var store = new SoftwareKeyStore(_root);
        using (await store.CreateAsync("gone", CancellationToken.None))
        {
        }

        await store.DestroyAsync("gone", CancellationToken.None);
        await store.DestroyAsync("gone", CancellationToken.None);
        Assert.Null(await store.OpenAsync("gone", CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_root));
    }

    [Fact]
    public async Task Memory_store_keeps_keys_in_the_process_only()
    {
        var store = new SoftwareKeyStore(null);
        Assert.Equal("memory", store.Kind);
        Assert.False(store.IsHardware);
        using var rsa = await store.CreateAsync("sim-1", CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync("sim-1", CancellationToken.None));
        using var opened = await store.OpenAsync("sim-1", CancellationToken.None);
        Assert.NotNull(opened);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), opened.ExportSubjectPublicKeyInfo());
        Assert.Null(await new SoftwareKeyStore(null).OpenAsync("sim-1", CancellationToken.None));
        await store.DestroyAsync("sim-1", CancellationToken.None);
        Assert.Null(await store.OpenAsync("sim-1", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync("../x", CancellationToken.None));
    }
}
