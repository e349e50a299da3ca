using System.Runtime.InteropServices;

namespace Kavach.Hosting.Files;

/// <summary>
/// Creates a small file that several processes may try to create at the same time: each writes a complete copy under
/// a name of its own (mode 0600) and hard-links it into place, which fails when the name exists. Exactly one copy
/// wins, and no reader ever sees a half-written file. (<see cref="File.Move(string, string, bool)"/> without
/// overwrite is not enough: on Unix it checks for the target and then renames, and the later rename replaces.)
/// </summary>
internal static partial class ExclusiveFile
{
    private const int Eexist = 17;

    /// <summary>Writes <paramref name="lines"/> to <paramref name="path"/> unless it exists; true when this call created it.</summary>
    public static bool TryCreate(string path, IEnumerable<string> lines)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new StreamWriter(stream))
            {
                foreach (var line in lines)
                {
                    writer.WriteLine(line);
                }

                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (Link(temporary, path) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == Eexist ? false : throw new IOException($"Could not create {Path.GetFileName(path)} (errno {errno}).");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for one call made once per start
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
#pragma warning restore SYSLIB1054
}
