using System.Globalization;

namespace Kavach.Bench.Vault;

/// <summary><c>openssl speed -seconds N rsa2048</c> on one core: the machine's ceiling for RSA-2048 private operations.</summary>
internal static class OpenSslSpeed
{
    /// <summary>Private (sign) and public (verify) operations per second, and the raw output line.</summary>
    public static (double Sign, double Verify, string Line) Rsa2048(int seconds)
    {
        var output = ExternalCommand.Run("openssl", "speed", "-seconds", seconds.ToString(CultureInfo.InvariantCulture), "rsa2048");

        // "rsa 2048 bits 0.000372s 0.000011s   2688.2  89047.7" (OpenSSL 3 may add encrypt/decrypt columns).
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("rsa 2048 bits ", StringComparison.Ordinal) || l.StartsWith("rsa  2048 bits ", StringComparison.Ordinal));
        if (line is null)
        {
            return (double.NaN, double.NaN, output.Trim());
        }

        var numbers = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(3)
            .Where(part => !part.EndsWith('s'))
            .Select(part => double.Parse(part, CultureInfo.InvariantCulture))
            .ToArray();
        return numbers.Length >= 2 ? (numbers[0], numbers[1], line.Trim()) : (double.NaN, double.NaN, line.Trim());
    }
}
