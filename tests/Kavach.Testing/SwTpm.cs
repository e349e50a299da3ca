using System.Runtime.InteropServices;

namespace Kavach.Testing;

/// <summary>
/// A software TPM 2.0 (swtpm) with a tpm2-pkcs11 token for the device agent's key tests: the one scripts/test.sh
/// started (<c>KAVACH_TEST_TPM_*</c>), or else one started here with scripts/swtpm-test-token.sh for this process and
/// stopped at exit. Either way <c>TPM2_PKCS11_TCTI</c>, <c>TPM2_PKCS11_STORE</c> and <c>DBUS_SESSION_BUS_ADDRESS</c> (the
/// private bus of the token's tpm2-abrmd) are in the native environment before the module is first loaded, so the
/// machine's own TPM, store and buses are never touched. Tests never skip for want of it: without swtpm they fail,
/// naming the packages.
/// </summary>
public static class SwTpm
{
    private const string OwnDirectoryPrefix = "kavach-swtpm-";
    private const string OwnerFile = "owner.pid";
    private const string Packages = "swtpm swtpm-tools tpm2-tools tpm2-abrmd dbus libtss2-tcti-tabrmd0 libtpm2-pkcs11-1 libengine-pkcs11-openssl opensc";
    private static readonly Lazy<Task<SwTpmToken>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The token for this test run.</summary>
    public static Task<SwTpmToken> TokenAsync() => Shared.Value;

    private static async Task<SwTpmToken> StartAsync()
    {
        var module = Environment.GetEnvironmentVariable("KAVACH_TEST_TPM_MODULE");
        var token = Environment.GetEnvironmentVariable("KAVACH_TEST_TPM_TOKEN");
        var pinFile = Environment.GetEnvironmentVariable("KAVACH_TEST_TPM_PIN_FILE");
        var tcti = Environment.GetEnvironmentVariable("TPM2_PKCS11_TCTI");
        var store = Environment.GetEnvironmentVariable("TPM2_PKCS11_STORE");
        var bus = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (!string.IsNullOrEmpty(module) && !string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(pinFile) && File.Exists(pinFile)
            && !string.IsNullOrEmpty(tcti) && !string.IsNullOrEmpty(store) && !string.IsNullOrEmpty(bus))
        {
            // test.sh exported them before the process started; make sure the native environment still says so.
            SetEnvironment("TPM2_PKCS11_TCTI", tcti);
            SetEnvironment("TPM2_PKCS11_STORE", store);
            SetEnvironment("DBUS_SESSION_BUS_ADDRESS", bus);
            return new SwTpmToken(module, token, pinFile);
        }

        if (!File.Exists("/usr/bin/swtpm"))
        {
            throw new InvalidOperationException($"swtpm is not installed; run scripts/install-deps.sh or apt-get install {Packages}.");
        }

        SweepAbandoned();
        var root = Directory.CreateTempSubdirectory(OwnDirectoryPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var directory = Path.Combine(root, "tpm");
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "swtpm-test-token.sh");
        var environment = new Dictionary<string, string> { ["KAVACH_SWTPM_DIR"] = directory };
        var (code, output, error) = await ExternalTool.RunAsync(script, ["start"], environment: environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"{script} start failed ({code}): {error}; the packages it needs: {Packages}.");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(script, root);
        var exported = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // export NAME='value'
            var assignment = line["export ".Length..];
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            exported[assignment[..equals]] = assignment[(equals + 1)..].Trim('\'');
        }

        // The tabrmd TCTI finds the broker on the session bus named by DBUS_SESSION_BUS_ADDRESS; a developer's own session
        // bus (inherited) would have no broker, or a different TPM behind it.
        SetEnvironment("TPM2_PKCS11_TCTI", exported["TPM2_PKCS11_TCTI"]);
        SetEnvironment("TPM2_PKCS11_STORE", exported["TPM2_PKCS11_STORE"]);
        SetEnvironment("DBUS_SESSION_BUS_ADDRESS", exported["DBUS_SESSION_BUS_ADDRESS"]);
        return new SwTpmToken(exported["KAVACH_TEST_TPM_MODULE"], exported["KAVACH_TEST_TPM_TOKEN"], exported["KAVACH_TEST_TPM_PIN_FILE"]);
    }

    private static void Stop(string script, string root)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(script, "stop")
            {
                Environment = { ["KAVACH_SWTPM_DIR"] = Path.Combine(root, "tpm") },
                UseShellExecute = false,
            });
            process?.WaitForExit(10_000);
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            // Best effort at exit; the next run sweeps what is left.
        }
    }

    // A test host that is killed never runs ProcessExit: its emulator is stopped and its directory removed by the next run.
    private static void SweepAbandoned()
    {
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "swtpm-test-token.sh");
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), OwnDirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                Stop(script, directory);
            }
        }
    }

    // .NET's Environment.SetEnvironmentVariable does not reach the C library's environ, which tpm2-pkcs11 reads; the
    // managed one is set too, for the tools the tests start (pkcs11-tool).
    private static void SetEnvironment(string name, string value)
    {
        if (NativeMethods.SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed.");
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "setenv")]
        public static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
    }
}
