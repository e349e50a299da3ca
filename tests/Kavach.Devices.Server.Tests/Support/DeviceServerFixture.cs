using Kavach.Devices.Authority;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests.Support;

/// <summary>One device server shared by a test class, with a test device CA as its trust anchors.</summary>
public sealed class DeviceServerFixture : IAsyncLifetime
{
    private HostTestPki? _pki;
    private DeviceServerHost? _host;

    internal HostTestPki Pki => _pki!;

    internal DeviceServerHost Host => _host!;

    public async Task InitializeAsync()
    {
        _pki = new HostTestPki(DateTimeOffset.UtcNow);
        _host = await DeviceServerHost.StartAsync(configure: services => services.AddSingleton<IDeviceCaCertificates>(_pki));
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
