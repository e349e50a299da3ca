using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Kavach.Testing;

/// <summary>
/// SoftHSM2 for the tests (the vault tests and the server tests), never the machine's own: the throw-away
/// configuration scripts/test.sh made (<c>KAVACH_TEST_SOFTHSM2_CONF</c>), or else one made here in a temporary directory
/// and deleted at exit. Either way <c>SOFTHSM2_CONF</c> points at it in the process's native environment before the
/// library is first loaded, so /etc/softhsm and /var/lib/softhsm are never read or written. Tests never skip for want
/// of it: if SoftHSM2 is not installed they fail, naming the package.
/// </summary>
public static class SoftHsm
{
    private const string ConfVariable = "SOFTHSM2_CONF";
    private const string ScriptConfVariable = "KAVACH_TEST_SOFTHSM2_CONF";
    private const string OwnDirectoryPrefix = "kavach-softhsm-";
    private const string OwnerFile = "owner.pid";
    private static readonly string[] LibraryCandidates = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"];
    private static readonly Lazy<Setup> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task<SoftHsmToken>> Shared = new(CreateSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The SoftHSM2 module.</summary>
    public static string Library => Configured.Value.Library;

    /// <summary>The directory SoftHSM2 keeps its tokens in (one subdirectory per token).</summary>
    public static string TokenDirectory => Configured.Value.TokenDirectory;

    /// <summary>The token scripts/test.sh made, or one made once for this process; shared by tests that only add keys.</summary>
    public static Task<SoftHsmToken> SharedTokenAsync() => Shared.Value;

    /// <summary>A new token of its own (for tests that remove, break or count what is on it).</summary>
    public static async Task<SoftHsmToken> CreateTokenAsync()
    {
        var setup = Configured.Value;
        var label = "kv-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var pin = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var soPin = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var (code, output, error) = await ExternalTool.RunAsync("softhsm2-util", ["--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", pin]);
        if (code != 0)
        {
            throw new InvalidOperationException($"softhsm2-util --init-token failed ({code}): {output}{error}");
        }

        var pinFile = Path.Combine(setup.Root, label + ".pin");
        File.WriteAllText(pinFile, pin + "\n");
        File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new SoftHsmToken(setup.Library, label, pin, pinFile, setup.TokenDirectory);
    }

    private static async Task<SoftHsmToken> CreateSharedAsync()
    {
        var setup = Configured.Value;
        var label = Environment.GetEnvironmentVariable("KAVACH_TEST_PKCS11_TOKEN");
        var pinFile = Environment.GetEnvironmentVariable("KAVACH_TEST_PKCS11_PIN_FILE");
        if (setup.FromScript && !string.IsNullOrEmpty(label) && !string.IsNullOrEmpty(pinFile) && File.Exists(pinFile))
        {
            return new SoftHsmToken(setup.Library, label, File.ReadAllText(pinFile).TrimEnd('\n'), pinFile, setup.TokenDirectory);
        }

        return await CreateTokenAsync();
    }

    private static Setup Configure()
    {
        var library = Environment.GetEnvironmentVariable("KAVACH_TEST_PKCS11_LIBRARY") is { Length: > 0 } configured
            ? configured
            : LibraryCandidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException("SoftHSM2 is not installed (no libsofthsm2.so); run scripts/install-deps.sh or apt-get install softhsm2 opensc.");

        var scriptConf = Environment.GetEnvironmentVariable(ScriptConfVariable);
        if (!string.IsNullOrEmpty(scriptConf) && File.Exists(scriptConf))
        {
            // test.sh exported SOFTHSM2_CONF before the process started; make sure nobody changed it since.
            if (Environment.GetEnvironmentVariable(ConfVariable) != scriptConf)
            {
                SetEnvironment(ConfVariable, scriptConf);
            }

            return new Setup(library, Path.GetDirectoryName(scriptConf)!, ReadTokenDirectory(scriptConf), FromScript: true);
        }

        SweepAbandoned();
        var root = Directory.CreateTempSubdirectory(OwnDirectoryPrefix).FullName;
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tokens = Path.Combine(root, "tokens");
        Directory.CreateDirectory(tokens, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var conf = Path.Combine(root, "softhsm2.conf");
        File.WriteAllText(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        SetEnvironment(ConfVariable, conf);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort at exit.
            }
        };
        return new Setup(library, root, tokens, FromScript: false);
    }

    // A test host that is killed never runs ProcessExit: its directory is removed by the next run instead.
    private static void SweepAbandoned()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), OwnDirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Another run is sweeping it.
                }
            }
        }
    }

    private static string ReadTokenDirectory(string conf)
    {
        foreach (var line in File.ReadAllLines(conf))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "directories.tokendir")
            {
                return parts[1];
            }
        }

        throw new InvalidOperationException($"{conf} names no directories.tokendir.");
    }

    // .NET's Environment.SetEnvironmentVariable does not reach the C library's environ, which SoftHSM2 reads.
    private static void SetEnvironment(string name, string value)
    {
        if (NativeMethods.SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed.");
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    private sealed record Setup(string Library, string Root, string TokenDirectory, bool FromScript);

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "setenv")]
        public static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
    }
}
