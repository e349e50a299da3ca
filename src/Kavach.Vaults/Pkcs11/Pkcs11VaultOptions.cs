namespace Kavach.Vaults;

/// <summary>Where the PKCS#11 key vault finds its token and the token's user PIN.</summary>
/// <param name="Library">The PKCS#11 module: an absolute path (e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>) or a name the dynamic loader finds.</param>
/// <param name="TokenLabel">The label of the token holding Kavach's keys.</param>
/// <remarks>
/// The PIN comes from exactly one of <see cref="PinFile"/> (a file only its owner can read) or
/// <see cref="PinEnvironmentVariable"/> (the name of a variable holding it), never from configuration or a command
/// line. It is read again at every (re)connection and wiped after the login.
/// </remarks>
public sealed record Pkcs11VaultOptions(string Library, string TokenLabel)
{
    /// <summary>A file holding the user PIN (trailing newline ignored); group and others must have no access to it.</summary>
    public string? PinFile { get; init; }

    /// <summary>The name of an environment variable holding the user PIN.</summary>
    public string? PinEnvironmentVariable { get; init; }

    /// <summary>The most sessions open at once (each serves one operation at a time). Default: twice the processors, at least 4.</summary>
    public int MaxSessions { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>How long an operation waits for a free session before it fails as unavailable.</summary>
    public TimeSpan SessionWaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between two reconnection attempts while the token is unreachable (the first retry is immediate).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Library))
        {
            throw new ArgumentException("The PKCS#11 library is required.", nameof(Library));
        }

        // Token labels are 32 bytes of UTF-8, blank-padded: a longer label can never match.
        if (string.IsNullOrWhiteSpace(TokenLabel) || System.Text.Encoding.UTF8.GetByteCount(TokenLabel) > 32 || TokenLabel != TokenLabel.TrimEnd())
        {
            throw new ArgumentException("The token label is required: at most 32 bytes of UTF-8, no trailing blanks.", nameof(TokenLabel));
        }

        if (string.IsNullOrWhiteSpace(PinFile) == string.IsNullOrWhiteSpace(PinEnvironmentVariable))
        {
            throw new ArgumentException("Give the user PIN through exactly one of a PIN file or an environment variable name.", nameof(PinFile));
        }

        if (MaxSessions < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSessions), MaxSessions, "At least 2 sessions: a key's certificate is signed while its generation session is open.");
        }

        if (SessionWaitTimeout <= TimeSpan.Zero || MaxReconnectDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SessionWaitTimeout), "Timeouts must be positive.");
        }
    }
}
