namespace Kavach.DeviceAgent.State;

/// <summary>
/// The files of one device's state directory (0700): <c>device.json</c> (state), <c>server.json</c> (the server
/// binding), <c>server-root.pem</c>, <c>agent.log</c> (the redacted local log), <c>keys/</c> (the file key store of a
/// device without a TPM), <c>slots/a</c> and <c>slots/b</c> (firmware). Every file is 0600.
/// </summary>
public sealed class DeviceDirectory
{
    /// <summary>Opens (and creates, 0700) <paramref name="path"/>.</summary>
    public DeviceDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>The device state.</summary>
    public string StateFile => System.IO.Path.Combine(Path, "device.json");

    /// <summary>The server binding.</summary>
    public string ServerFile => System.IO.Path.Combine(Path, "server.json");

    /// <summary>The local log.</summary>
    public string LogFile => System.IO.Path.Combine(Path, "agent.log");

    /// <summary>The file key store of a device without a TPM.</summary>
    public string KeysDirectory => System.IO.Path.Combine(Path, "keys");

    /// <summary>A firmware slot (<c>a</c> or <c>b</c>).</summary>
    public string Slot(string name) => System.IO.Path.Combine(Path, "slots", name);

    /// <summary>True when a device lives here.</summary>
    public bool HasDevice => File.Exists(StateFile);

    /// <summary>Creates the directory with mode 0700 (and tightens an existing one).</summary>
    public void Ensure() => SecureFiles.EnsurePrivateDirectory(Path);
}
