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

    /// <summary>Checks what can be checked without the token; the PIN source is checked by <see cref="Pkcs11.Pkcs11Pin"/>.</summary>
    /// <exception cref="VaultConfigurationException">An option is missing, malformed or contradicts another.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Library))
        {
            throw new VaultConfigurationException(nameof(Library), "the PKCS#11 library is required.");
        }

        // Token labels are 32 bytes of UTF-8, blank-padded: a longer label can never match.
        if (string.IsNullOrWhiteSpace(TokenLabel) || System.Text.Encoding.UTF8.GetByteCount(TokenLabel) > 32 || TokenLabel != TokenLabel.TrimEnd())
        {
            throw new VaultConfigurationException(nameof(TokenLabel), "the token label is required: at most 32 bytes of UTF-8, no trailing blanks.");
        }

        var file = !string.IsNullOrWhiteSpace(PinFile);
        var variable = !string.IsNullOrWhiteSpace(PinEnvironmentVariable);
        if (file == variable)
        {
            throw new VaultConfigurationException(
                nameof(PinFile),
                file
                    ? $"give the user PIN through exactly one of {nameof(PinFile)} or {nameof(PinEnvironmentVariable)}, not both."
                    : $"the user PIN is required, through exactly one of {nameof(PinFile)} or {nameof(PinEnvironmentVariable)}.");
        }

        if (MaxSessions < 2)
        {
            throw new VaultConfigurationException(nameof(MaxSessions), $"at least 2 sessions (got {MaxSessions}): a key's certificate is signed while its generation session is open.");
        }

        if (SessionWaitTimeout <= TimeSpan.Zero)
        {
            throw new VaultConfigurationException(nameof(SessionWaitTimeout), "must be positive.");
        }

        if (MaxReconnectDelay < TimeSpan.Zero)
        {
            throw new VaultConfigurationException(nameof(MaxReconnectDelay), "must not be negative.");
        }
    }
}
