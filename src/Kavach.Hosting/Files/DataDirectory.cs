using Kavach.Hosting.Composition;

namespace Kavach.Hosting.Files;

/// <summary>
/// The data directory holds the database, the vault, the admin token and the salts: it is the owner's alone (0700).
/// A directory made by someone else's tooling with group or world access is tightened, with a log line; when that is
/// impossible (Kavach does not own it) the start stops with what to do.
/// </summary>
internal static partial class DataDirectory
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> with mode 0700, or tightens an existing one to 0700.</summary>
    /// <exception cref="KavachConfigurationException">The directory is open to group or others and cannot be tightened.</exception>
    public static void Secure(string path, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            try
            {
                Directory.CreateDirectory(path, OwnerAll);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new KavachConfigurationException("Kavach:DataDir", "the data directory cannot be created (a file has that name, or its parent is not writable)", e);
            }

            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) == 0 && (mode & OwnerAll) == OwnerAll)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, OwnerAll);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new KavachConfigurationException(
                "Kavach:DataDir",
                $"the data directory has mode {Octal(mode)}, open to group or others, and cannot be made 0700 (is it owned by another user?). " +
                "Run 'chmod 700' on it as its owner, or point Kavach:DataDir at a directory of the user running Kavach",
                e);
        }

        LogTightened(logger, path, Octal(mode));
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data directory {Path} had mode {Mode}; tightened to 0700 (it holds the database, the vault and the admin token)")]
    private static partial void LogTightened(ILogger logger, string path, string mode);
}
