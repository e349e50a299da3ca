using Kavach.Testing;
using Kavach.Vaults.Tests.Support;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>
/// Configuration errors stop <see cref="Pkcs11Vault.Open"/> with <see cref="VaultConfigurationException"/> naming the
/// option, before any token is touched; the message never holds the PIN.
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11ConfigurationTests : IDisposable
{
    private const string Pin = "a-secret-pin-4711";
    private readonly TemporaryDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_library_path_that_does_not_exist_is_a_configuration_error()
    {
        var error = Refused(Options() with { Library = "/nonexistent/libpkcs11.so" });

        Assert.Equal("Library", error.Option);
        Assert.StartsWith("Library: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_path_that_is_a_directory_is_a_configuration_error()
    {
        Assert.Equal("Library", Refused(Options() with { Library = _files.Path }).Option);
    }

    [Fact]
    public void A_library_that_is_not_pkcs11_is_a_configuration_error()
    {
        var error = Refused(Options() with { Library = "libz.so.1" });

        Assert.Equal("Library", error.Option);
        Assert.Contains("C_GetFunctionList", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a-label-that-is-longer-than-32-bytes")]
    [InlineData("trailing ")]
    public void An_empty_or_impossible_token_label_is_a_configuration_error(string label)
    {
        Assert.Equal("TokenLabel", Refused(Options() with { TokenLabel = label }).Option);
    }

    [Fact]
    public void A_missing_pin_file_is_a_configuration_error()
    {
        Assert.Equal("PinFile", Refused(Options() with { PinFile = _files.File("absent.pin") }).Option);
    }

    [Fact]
    public void A_pin_file_that_is_a_directory_is_a_configuration_error()
    {
        Assert.Equal("PinFile", Refused(Options() with { PinFile = _files.Path }).Option);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupWrite)]
    public void A_pin_file_open_to_group_or_others_is_a_configuration_error(UnixFileMode mode)
    {
        var pinFile = PinFile(mode);

        var error = Refused(Options() with { PinFile = pinFile });

        Assert.Equal("PinFile", error.Option);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_pin_file_is_a_configuration_error()
    {
        var pinFile = PinFile(UnixFileMode.UserRead | UnixFileMode.UserWrite, contents: "\n");

        Assert.Equal("PinFile", Refused(Options() with { PinFile = pinFile }).Option);
    }

    [Fact]
    public void Both_pin_sources_or_neither_is_a_configuration_error()
    {
        Assert.Equal("PinFile", Refused(Options() with { PinEnvironmentVariable = "KAVACH_TEST_SOME_PIN" }).Option);
        Assert.Equal("PinFile", Refused(Options() with { PinFile = null }).Option);
    }

    [Fact]
    public void An_unset_pin_variable_is_a_configuration_error()
    {
        var options = Options() with { PinFile = null, PinEnvironmentVariable = "KAVACH_TEST_UNSET_" + Guid.NewGuid().ToString("N") };

        Assert.Equal("PinEnvironmentVariable", Refused(options).Option);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Too_few_sessions_is_a_configuration_error(int maxSessions)
    {
        Assert.Equal("MaxSessions", Refused(Options() with { MaxSessions = maxSessions }).Option);
    }

    [Fact]
    public void A_valid_configuration_opens_without_any_token_behind_the_label()
    {
        // Configuration only: the label names no token (yet), and Open does not care.
        using var vault = Pkcs11Vault.Open(Options(), TimeProvider.System);

        Assert.Equal("PKCS11", vault.Kind);
    }

    private static VaultConfigurationException Refused(Pkcs11VaultOptions options) =>
        Assert.Throws<VaultConfigurationException>(() => Pkcs11Vault.Open(options, TimeProvider.System));

    private Pkcs11VaultOptions Options() =>
        new(SoftHsm.Library, "kv-none-" + Guid.NewGuid().ToString("N")[..8]) { PinFile = PinFile(UnixFileMode.UserRead | UnixFileMode.UserWrite) };

    private string PinFile(UnixFileMode mode, string contents = Pin + "\n")
    {
        var path = _files.File(Guid.NewGuid().ToString("N") + ".pin");
        File.WriteAllText(path, contents);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
