using System.Net;
using System.Net.Sockets;

namespace Kavach.Console.Tests.Support;

/// <summary>A loopback port free a moment ago: the device server's address must be known before the key manager starts.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
