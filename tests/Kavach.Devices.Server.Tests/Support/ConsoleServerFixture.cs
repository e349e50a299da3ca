using Kavach.Devices.Authority;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests.Support;

/// <summary>A device server whose admin API allows the operator console's origin (<see cref="Origin"/>) cross-origin.</summary>
public sealed class ConsoleServerFixture : IAsyncLifetime
{
    /// <summary>The console origin the server allows.</summary>
    public const string Origin = "https://console.example.org";

    private HostTestPki? _pki;
    private DeviceServerHost? _host;

    internal HostTestPki Pki => _pki!;

    internal DeviceServerHost Host => _host!;

    public async Task InitializeAsync()
    {
        _pki = new HostTestPki(DateTimeOffset.UtcNow);
        _host = await DeviceServerHost.StartAsync(
            extraArgs: [$"--Kavach:DeviceServer:Console:AllowedOrigins:0={Origin}/", "--Kavach:DeviceServer:Console:AllowedOrigins:1=http://localhost:5173"],
            configure: services => services.AddSingleton<IDeviceCaCertificates>(_pki));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _pki?.Dispose();
    }
}
