using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Vaults;
using Kavach.Keys.Vault;

namespace Kavach.Bench.Vault;

/// <summary>
/// Measures RS256 signing and RSA-OAEP-SHA256 unwrapping (the two hot vault paths) through the PKCS#11 vault on a
/// SoftHSM2 token and through the PKCS#12 file vault, next to <c>openssl speed rsa2048</c>, and writes a markdown report.
/// </summary>
internal static class VaultBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        var rows = new List<string>();
        var payload = RandomNumberGenerator.GetBytes(200);

        Console.Error.WriteLine($"openssl speed -seconds {options.Seconds} rsa2048 ...");
        var openssl = OpenSslSpeed.Rsa2048(options.Seconds);

        string? oaepNote;
        using (var pkcs11 = Pkcs11Vault.Open(new Pkcs11VaultOptions(options.Library, options.TokenLabel) { PinFile = options.PinFile }, TimeProvider.System))
        {
            await MeasureAsync("PKCS#11 (SoftHSM2)", pkcs11, options, payload, rows);
            oaepNote = pkcs11.DecodesOaepInSoftware
                ? "The token lacks CKM_RSA_PKCS_OAEP with SHA-256: the vault runs CKM_RSA_X_509 in the token and removes OAEP padding in software (as MOSIP does)."
                : "RSA-OAEP-SHA256 runs in the token.";
        }

        var directory = Directory.CreateTempSubdirectory("kavach-bench-p12-");
        try
        {
            using var pkcs12 = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory.FullName), TimeProvider.System);
            await MeasureAsync("PKCS#12 (file, in-process OpenSSL)", pkcs12, options, payload, rows);
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var report = Report(options, rows, openssl, oaepNote, loadBefore);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, report);
        Console.WriteLine(report);
        return 0;
    }

    private static async Task MeasureAsync(string name, IKeyVault vault, BenchOptions options, byte[] payload, List<string> rows)
    {
        var alias = "bench-" + Guid.NewGuid().ToString("N");
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, SelfSigned(alias), CancellationToken.None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var ciphertext = publicKey.Encrypt(RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA256);

        // Both operations are checked once, so the numbers are of working operations.
        if (!publicKey.VerifyData(payload, vault.SignData(alias, payload, VaultSignatureAlgorithm.RsaPkcs1Sha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            || vault.DecryptOaepSha256(alias, ciphertext).Length != 32)
        {
            throw new InvalidOperationException($"{name}: sign or decrypt does not work.");
        }

        foreach (var threads in options.Threads)
        {
            Console.Error.WriteLine($"{name}: RS256 sign, {threads} thread(s), {options.Seconds} s ...");
            var sign = Throughput.Measure(() => vault.SignData(alias, payload, VaultSignatureAlgorithm.RsaPkcs1Sha256), threads, options.Seconds);
            rows.Add(Row(name, "sign RS256 (200-byte payload)", threads, sign));
            Console.Error.WriteLine($"{name}: RSA-OAEP-SHA256 decrypt, {threads} thread(s), {options.Seconds} s ...");
            var decrypt = Throughput.Measure(() => vault.DecryptOaepSha256(alias, ciphertext), threads, options.Seconds);
            rows.Add(Row(name, "decrypt RSA-OAEP-SHA256 (32-byte key)", threads, decrypt));
        }

        if (vault is Pkcs11Vault)
        {
            // What the vault adds around a token call: gate, pooled session, cached handle; the token is not called.
            Console.Error.WriteLine($"{name}: session lease + cached handle, 1 thread, {options.Seconds} s ...");
            var lease = Throughput.Measure(() => vault.ContainsAsync(alias, CancellationToken.None).GetAwaiter().GetResult(), 1, options.Seconds);
            rows.Add(Row(name, "binding overhead: session lease + cached key handle, no token call", 1, lease));
        }

        await vault.DeleteAsync(alias, CancellationToken.None);
    }

    private static string Row(string vault, string operation, int threads, (double PerSecond, double PerCpuSecond) measured) =>
        string.Create(CultureInfo.InvariantCulture, $"| {vault} | {operation} | {threads} | {measured.PerSecond:0} | {1_000_000.0 / measured.PerSecond * threads:0.0} µs | {measured.PerCpuSecond:0} |");

    private static string Report(BenchOptions options, List<string> rows, (double Sign, double Verify, string Line) openssl, string oaepNote, string loadBefore)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Vault throughput, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.Command}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {cpu}, {Environment.ProcessorCount} cores; {RuntimeInformation.FrameworkDescription}; {ExternalCommand.Run("openssl", "version").Trim()}; SoftHSM {ExternalCommand.Run("softhsm2-util", "--version").Trim()}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average at the start (other work on the machine skews every figure): {loadBefore}; at the end: {File.ReadAllText("/proc/loadavg").Trim()}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Each figure: {options.Seconds} s of back-to-back calls on N threads, after 20 warm-up calls. \"ops/s (wall)\" and the latency one thread sees depend on what else the machine runs; \"ops per CPU-second\" divides by this process's CPU time (SoftHSM2 runs inside the process, so its work is counted) and compares with `openssl speed`, which also reports per CPU-second of one core.");
        text.AppendLine();
        text.AppendLine("| vault | operation | threads | ops/s (wall) | latency per op | ops per CPU-second |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| `openssl speed -seconds {options.Seconds} rsa2048` | RSA-2048 private op (sign) | 1 | | {1_000_000.0 / openssl.Sign:0.0} µs (CPU) | {openssl.Sign:0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"openssl's line: `{openssl.Line}`");
        text.AppendLine();
        text.AppendLine(oaepNote);
        return text.ToString();
    }

    private static CertificateIssuer SelfSigned(string commonName) => (publicKey, selfSigner) =>
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), publicKey, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive, no leading zero
        return request.Create(request.SubjectName, selfSigner, now.AddMinutes(-1), now.AddDays(1), serial);
    };
}
