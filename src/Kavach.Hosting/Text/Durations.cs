using System.Globalization;

namespace Kavach.Hosting.Text;

/// <summary>
/// Durations as people write them in messages ("30 days", "1 hour", "90 minutes"), never as <see cref="TimeSpan"/>'s
/// <c>30.00:00:00</c>: every message of the CLI and of configuration checks that names a duration uses this.
/// </summary>
internal static class Durations
{
    /// <summary>
    /// The largest whole unit that states <paramref name="duration"/> exactly: days, else hours, else minutes, else
    /// seconds (with up to three decimals). "36 hours", not "1 day 12 hours": one number a reader can compare.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "minus " + Format(duration.Duration());
        }

        if (duration == TimeSpan.Zero)
        {
            return "0 seconds";
        }

        if (duration.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return Count(duration.Ticks / TimeSpan.TicksPerDay, "day");
        }

        if (duration.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return Count(duration.Ticks / TimeSpan.TicksPerHour, "hour");
        }

        if (duration.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return Count(duration.Ticks / TimeSpan.TicksPerMinute, "minute");
        }

        if (duration.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return Count(duration.Ticks / TimeSpan.TicksPerSecond, "second");
        }

        var seconds = Math.Round(duration.TotalSeconds, 3);
        return seconds.ToString("0.###", CultureInfo.InvariantCulture) + " seconds";
    }

    private static string Count(long amount, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount} {unit}{(amount == 1 ? string.Empty : "s")}");
}
