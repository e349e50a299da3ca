using System.Globalization;

namespace Kavach.Bench.Fleet;

/// <summary>The server process as /proc shows it: CPU seconds (utime + stime) and resident memory.</summary>
internal sealed class ServerProcess(int pid)
{
    // Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public long RssKib() => Status("VmRSS:");

    public long PeakRssKib() => Status("VmHWM:");

    private long Status(string name)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal));
        return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
