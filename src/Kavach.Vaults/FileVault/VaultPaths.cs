namespace Kavach.Vaults;

/// <summary>The files of one PKCS#12 vault directory.</summary>
internal sealed record VaultPaths(string Directory, string FileName, string VaultFile, string PasswordFile, string LockFile)
{
    public static VaultPaths From(Pkcs12VaultOptions options)
    {
        options.Validate();
        var directory = Path.GetFullPath(options.Directory);
        var lockName = Path.GetFileNameWithoutExtension(options.FileName) + ".lock";
        if (lockName == options.FileName || lockName == options.PasswordFileName)
        {
            throw new ArgumentException($"The vault needs '{lockName}' as its lock file; choose other file names.", nameof(options));
        }

        return new VaultPaths(
            directory,
            options.FileName,
            Path.Combine(directory, options.FileName),
            Path.Combine(directory, options.PasswordFileName),
            Path.Combine(directory, lockName));
    }
}
