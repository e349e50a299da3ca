using Kavach.Keys.Errors;

namespace Kavach.Server.Console;

/// <summary>The time window of a usage question: [from, to), the last 7 days by default, at most 400 days.</summary>
internal static class ConsoleWindow
{
    /// <summary>The window when none is given.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromDays(7);

    /// <summary>The longest window.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(400);

    /// <summary>The window from the parameters (either may be absent), or null with an error added.</summary>
    public static (DateTime From, DateTime To)? Of(ConsoleQuery query, string? fromText, string? toText, DateTime now)
    {
        var from = query.Instant(fromText, "from");
        var to = query.Instant(toText, "to");
        if (query.Failed)
        {
            return null;
        }

        var end = to ?? now;
        var start = from ?? end - Default;
        if (start >= end || end - start > Longest)
        {
            query.Add(ErrorCodes.InvalidQueryWindow with { Message = ErrorCodes.InvalidQueryWindow.Message + "from must be before to, at most 400 days apart" });
            return null;
        }

        return (start, end);
    }
}
