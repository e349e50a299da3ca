using Kavach.Keys.Audit;

namespace Kavach.Cli.Commands;

/// <summary>
/// Runs a command body, turning <see cref="CliFailureException"/> (and an audit trail that cannot record) into one line
/// on standard error and exit code 1.
/// </summary>
public static class CliActions
{
    /// <summary>Runs <paramref name="body"/>; 0 on success.</summary>
    public static Task<int> RunAsync(CliConsole console, Func<Task> body) =>
        RunAsync(console, async () =>
        {
            await body();
            return 0;
        });

    /// <summary>Runs <paramref name="body"/> that decides its own exit code.</summary>
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (CliFailureException failure)
        {
            await console.Error.WriteLineAsync($"kavach: {failure.Message}");
            return 1;
        }
        catch (AuditUnavailableException e)
        {
            // The trail's own messages name the cause without secrets ("the audit key could not be made (KER-…)");
            // an underlying fault is named by its type only.
            var cause = e.InnerException is { } inner ? $"{e.Message} ({inner.GetType().Name})" : e.Message;
            await console.Error.WriteLineAsync($"kavach: audit trail unavailable: the record of this command could not be written: {cause}");
            return 1;
        }
    }
}
