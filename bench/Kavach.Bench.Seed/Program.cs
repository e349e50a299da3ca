using System.Diagnostics;
using System.Globalization;
using Kavach.Bench.Seed;
using Kavach.Hosting.Composition;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.DataProtection;

// Creates base keys <app>/<prefix>000001 ... <prefix>NNNNNN in a data directory with Kavach's own libraries.
//
//   --mode api   (faithful) runtime.GetRequiredService<CertificateService>().GetCertificateAsync, exactly what getCertificate does on first use:
//                a fresh RSA-2048 key, a certificate signed by the application's master key in the vault, the private
//                key wrapped in MOSIP's key_store format. Slow: generation runs inside the store's write lock.
//   --mode pool  (fast) the same rows made with the same library code (CertificateFactory, VaultSignatureGenerator,
//                BaseKeyWrapper, IKeyStore write scopes), but the RSA key pairs come from a pool of --distinct pairs
//                generated up front, so several rows share one key pair. Every row is a real, distinct, wrapped key
//                with its own certificate, serial and thumbprint; it passes the loader's integrity checks (checked at
//                the end on a sample by encrypting and decrypting through EnvelopeService).
//
// Keys are handed out in index order and the budget only stops handing out new ones, so the keys made are always
// 1..K and a later run resumes at K+1.
//
//   Kavach.Bench.Seed --data-dir DIR --to N [--from K+1] [--mode api|pool] [--distinct 500] [--app REGISTRATION]
//                     [--prefix BENCH-] [--parallel 2] [--budget-seconds S] [--provider Sqlite|PostgreSql] [--connection STRING]
//
// Prints one JSON line: {"first":..,"last":..,"created":..,"errors":..,"seconds":..,"keys_per_second":..,...}.
var arguments = ParseArguments(args);
var dataDir = Required(arguments, "data-dir");
var from = int.Parse(arguments.GetValueOrDefault("from", "1"), CultureInfo.InvariantCulture);
var to = int.Parse(Required(arguments, "to"), CultureInfo.InvariantCulture);
var app = arguments.GetValueOrDefault("app", "REGISTRATION");
var prefix = arguments.GetValueOrDefault("prefix", "BENCH-");
var parallel = int.Parse(arguments.GetValueOrDefault("parallel", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var mode = arguments.GetValueOrDefault("mode", "api");
var distinct = int.Parse(arguments.GetValueOrDefault("distinct", "500"), CultureInfo.InvariantCulture);
var budget = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("budget-seconds", "0"), CultureInfo.InvariantCulture));

var options = new KavachOptions { DataDir = dataDir };
if (arguments.TryGetValue("provider", out var provider))
{
    options.Database.Provider = provider;
}

if (arguments.TryGetValue("connection", out var connection))
{
    options.Database.ConnectionString = connection;
}

await using var runtime = KavachServices.Create(options);
foreach (var (appId, refId, error) in await runtime.GetRequiredService<KeyBootstrapper>().RunAsync(force: false, progress: null, CancellationToken.None))
{
    if (error is not null)
    {
        await Console.Error.WriteLineAsync($"seed: bootstrap {appId}/{refId}: {error.Code} {error.Message}");
    }
}

var clock = Stopwatch.StartNew();
var pool = mode == "pool" ? await KeyPool.CreateAsync(runtime, app, Math.Max(1, Math.Min(distinct, to - from + 1)), parallel) : null;
var poolSeconds = clock.Elapsed.TotalSeconds;
var next = from - 1;
var created = 0;
var errors = 0;
var lastDone = from - 1;
var progressGate = new Lock();
string? firstError = null;

async Task WorkerAsync()
{
    while (true)
    {
        if (budget > TimeSpan.Zero && clock.Elapsed > budget)
        {
            return;
        }

        var index = Interlocked.Increment(ref next);
        if (index > to)
        {
            return;
        }

        var refId = prefix + index.ToString("D6", CultureInfo.InvariantCulture);
        var result = pool is null
            ? (await runtime.GetRequiredService<CertificateService>().GetCertificateAsync(app, refId, Kavach.Keys.Access.Caller.System, CancellationToken.None)).Error
            : await pool.CreateAsync(refId, index, CancellationToken.None);
        if (result is null)
        {
            var made = Interlocked.Increment(ref created);
            if (made % 1000 == 0)
            {
                lock (progressGate)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: {made} keys in {clock.Elapsed.TotalSeconds:F0} s ({made / clock.Elapsed.TotalSeconds:F1} keys/s)"));
                }
            }
        }
        else
        {
            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, $"{refId}: {result.Code} {result.Message}", null);
        }

        lock (progressGate)
        {
            lastDone = Math.Max(lastDone, index);
        }
    }
}

await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallel)).Select(_ => Task.Run(WorkerAsync)));
clock.Stop();
var seconds = clock.Elapsed.TotalSeconds;
var verified = lastDone >= from ? await KeyPool.VerifyAsync(runtime, app, [.. new[] { from, (from + lastDone) / 2, lastDone }.Distinct().Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture))]) : null;
if (verified is not null)
{
    errors++;
    firstError ??= verified;
}
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{{\"first\":{from},\"last\":{lastDone},\"created\":{created},\"errors\":{errors},\"seconds\":{seconds:F2},\"keys_per_second\":{(seconds > 0 ? created / seconds : 0):F2},\"mode\":\"{mode}\",\"distinct_pairs\":{pool?.Count ?? created},\"pool_seconds\":{(pool is null ? 0 : poolSeconds):F2},\"first_error\":{(firstError is null ? "null" : "\"" + firstError.Replace("\"", "'", StringComparison.Ordinal) + "\"")}}}"));
return errors == 0 ? 0 : 1;

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        {
            throw new ArgumentException($"unexpected argument '{args[i]}'");
        }

        result[args[i][2..]] = args[++i];
    }

    return result;
}

static string Required(Dictionary<string, string> arguments, string name) =>
    arguments.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
