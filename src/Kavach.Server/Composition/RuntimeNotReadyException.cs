namespace Kavach.Server.Composition;

/// <summary>A key operation arrived before the database and vault were open.</summary>
public sealed class RuntimeNotReadyException : Exception
{
    /// <summary>Creates the exception with the start-up status.</summary>
    public RuntimeNotReadyException(string status)
        : base($"Kavach is not ready: {status}")
    {
    }
}
