namespace Kavach.Cli.Commands;

/// <summary>A user-facing failure: printed as one line <c>kavach: message</c>, exit code 1.</summary>
public sealed class CliFailureException : Exception
{
    /// <summary>Creates the failure.</summary>
    public CliFailureException(string message)
        : base(message)
    {
    }
}
