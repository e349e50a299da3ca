using System.Text;

namespace Kavach.DeviceAgent.State;

/// <summary>
/// Private files the way a device keeps them: directories 0700, files 0600, written to a temporary file, flushed to disk
/// and renamed over the old one, so a power cut leaves the old state or the new, never half of one.
/// </summary>
internal static class SecureFiles
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsurePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path, PrivateDirectory);
        File.SetUnixFileMode(path, PrivateDirectory);
    }

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        // The directory must exist: a device's directory that vanished (the device was unplugged) is not made again by a
        // late write of its loop.
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void WriteAtomically(string path, string text) => WriteAtomically(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Appends a line to a 0600 file (the local log).</summary>
    public static void AppendLine(string path, string line)
    {
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, UnixCreateMode = PrivateFile });
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
    }
}
