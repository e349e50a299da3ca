using Kavach.Devices.Server.Configuration;
using Kavach.Hosting.Composition;
using Kavach.Testing;

namespace Kavach.Devices.Server.Tests.AdminConsole;

/// <summary><c>Kavach:DeviceServer:Console:AllowedOrigins</c>: origins only, checked before anything listens.</summary>
public sealed class ConsoleOriginsConfigurationTests
{
    private const string Setting = "Kavach:DeviceServer:Console:AllowedOrigins";

    [Theory]
    [InlineData("https://console.example.org", "https://console.example.org")]
    [InlineData("https://Console.Example.org/", "https://console.example.org")]
    [InlineData("https://console.example.org:8443", "https://console.example.org:8443")]
    [InlineData("https://console.example.org:443", "https://console.example.org")]
    [InlineData("http://localhost:5173", "http://localhost:5173")]
    public void An_origin_is_kept_as_browsers_send_it(string configured, string origin) =>
        Assert.Equal([origin], new DeviceConsoleOptions { AllowedOrigins = [configured] }.Origins());

    [Theory]
    [InlineData("*")]
    [InlineData("https://*.example.org")]
    [InlineData("console.example.org")]
    [InlineData("/console")]
    [InlineData("ftp://console.example.org")]
    [InlineData("https://console.example.org/console/")]
    [InlineData("https://console.example.org?x=1")]
    [InlineData("https://console.example.org#top")]
    [InlineData("https://user:pw@console.example.org")]
    [InlineData("")]
    public void A_value_that_is_not_an_origin_is_refused_naming_the_setting(string configured)
    {
        var refused = Assert.Throws<KavachConfigurationException>(() => new DeviceConsoleOptions { AllowedOrigins = ["https://ok.example.org", configured] }.Origins());

        Assert.Equal(Setting, refused.Setting);
        Assert.Contains("entry 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_origin_stops_the_server_before_it_is_built()
    {
        using var dir = new TempDirectory("kavach-devices-cors");

        var refused = Assert.Throws<KavachConfigurationException>(() => DeviceServer.Build(
            ["--urls=https://127.0.0.1:0", $"--Kavach:DataDir={dir.Path}", $"--{Setting}:0=https://console.example.org/app"]));

        Assert.Equal(Setting, refused.Setting);
    }

    [Fact]
    public void No_origin_is_the_default()
    {
        Assert.Empty(new DeviceServerOptions().Console.AllowedOrigins);
        Assert.Empty(new DeviceServerOptions().Console.Origins());
    }
}
