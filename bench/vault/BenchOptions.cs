using System.Globalization;

namespace Kavach.Bench.Vault;

/// <summary>What to measure: run time per measurement, thread counts, the PKCS#11 token, and where to write the result.</summary>
internal sealed record BenchOptions(int Seconds, int[] Threads, string Library, string TokenLabel, string PinFile, string Output, string Command)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string? fallback)
        {
            var index = Array.IndexOf(args, name);
            if (index >= 0 && index + 1 < args.Length)
            {
                return args[index + 1];
            }

            return fallback ?? throw new ArgumentException($"{name} is required.");
        }

        var seconds = int.Parse(Value("--seconds", "5"), CultureInfo.InvariantCulture);
        var threads = Value("--threads", $"1,{Environment.ProcessorCount}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.Parse(t, CultureInfo.InvariantCulture))
            .Distinct()
            .ToArray();
        return new BenchOptions(
            seconds,
            threads,
            Value("--library", Environment.GetEnvironmentVariable("KAVACH_TEST_PKCS11_LIBRARY")),
            Value("--token-label", Environment.GetEnvironmentVariable("KAVACH_TEST_PKCS11_TOKEN")),
            Value("--pin-file", Environment.GetEnvironmentVariable("KAVACH_TEST_PKCS11_PIN_FILE")),
            Value("--out", null),
            Value("--command", string.Join(' ', args)));
    }
}
