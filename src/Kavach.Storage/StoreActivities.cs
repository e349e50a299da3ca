using System.Diagnostics;

namespace Kavach.Storage;

/// <summary>
/// Trace spans around the store's statements (<c>store.query</c>), so a trace shows the time spent in the database.
/// Plain <see cref="ActivitySource"/>: the host decides whether anything listens. Tags name the database system only —
/// never the statement's parameters (key aliases, application ids).
/// </summary>
public static class StoreActivities
{
    /// <summary>The source name a host subscribes to.</summary>
    public const string SourceName = "Kavach.Storage";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span for one statement, or returns null when no one listens.</summary>
    internal static Activity? StartQuery(string system)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("store.query", ActivityKind.Client);
        activity?.SetTag("db.system", system);
        return activity;
    }
}
