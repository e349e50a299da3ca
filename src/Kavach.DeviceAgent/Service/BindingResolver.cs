using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Service;

/// <summary>
/// Settles which server a device talks to: the first command that names one (<c>--server</c>, <c>--server-ca</c>,
/// <c>--pin</c>) records it; later commands use the record, and one naming another server, root or pins is refused —
/// an agent never switches servers because a command line said so.
/// </summary>
public static class BindingResolver
{
    /// <summary>The binding for <paramref name="directory"/>, recording <paramref name="given"/> the first time.</summary>
    public static ServerBinding Resolve(DeviceDirectory directory, ServerBinding? given)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var recorded = DeviceStateFile.LoadServer(directory);
        if (given is null)
        {
            return recorded ?? throw new AgentException(AgentErrors.BadInput, $"device in {directory.Path} is bound to no server: give --server and --server-ca");
        }

        Validate(given);
        if (recorded is null)
        {
            DeviceStateFile.SaveServer(directory, given);
            return given;
        }

        var samePins = given.Pins.Count == 0 || given.Pins.Order(StringComparer.Ordinal).SequenceEqual(recorded.Pins.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!string.Equals(Normalise(given.Server), Normalise(recorded.Server), StringComparison.OrdinalIgnoreCase) || !SameRoot(given.RootPem, recorded.RootPem) || !samePins)
        {
            throw new AgentException(AgentErrors.BadInput, $"device in {directory.Path} is bound to {recorded.Server} with another root or pins; it does not switch servers");
        }

        return recorded;
    }

    /// <summary>A binding from command-line values: the CA file read, pins checked as base64 SHA-256.</summary>
    public static ServerBinding? FromOptions(string? server, string? serverCaFile, IReadOnlyList<string>? pins)
    {
        if (server is null && serverCaFile is null)
        {
            return null;
        }

        if (server is null || serverCaFile is null)
        {
            throw new AgentException(AgentErrors.BadInput, "--server and --server-ca go together");
        }

        if (!File.Exists(serverCaFile))
        {
            throw new AgentException(AgentErrors.BadInput, $"--server-ca: no file {serverCaFile}");
        }

        return new ServerBinding(server, File.ReadAllText(serverCaFile), [.. pins ?? []]);
    }

    private static void Validate(ServerBinding binding)
    {
        if (!Uri.TryCreate(binding.Server, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps || address.AbsolutePath.Trim('/').Length > 0 || !string.IsNullOrEmpty(address.Query))
        {
            throw new AgentException(AgentErrors.BadInput, "--server must be https://host[:port] (HTTPS, no path)");
        }

        try
        {
            using var root = X509Certificate2.CreateFromPem(binding.RootPem);
            if (root.Extensions.OfType<X509BasicConstraintsExtension>().SingleOrDefault() is not { CertificateAuthority: true })
            {
                throw new AgentException(AgentErrors.BadInput, "--server-ca is not a CA certificate");
            }
        }
        catch (CryptographicException)
        {
            throw new AgentException(AgentErrors.BadInput, "--server-ca is not a PEM certificate");
        }

        foreach (var pin in binding.Pins)
        {
            var bytes = new byte[32];
            if (!Convert.TryFromBase64String(pin, bytes, out var written) || written != 32)
            {
                throw new AgentException(AgentErrors.BadInput, "--pin must be the base64 SHA-256 of the server key's SubjectPublicKeyInfo");
            }
        }
    }

    private static string Normalise(string server) => server.TrimEnd('/');

    private static bool SameRoot(string a, string b)
    {
        using var first = X509Certificate2.CreateFromPem(a);
        using var second = X509Certificate2.CreateFromPem(b);
        return first.RawData.AsSpan().SequenceEqual(second.RawData);
    }
}
