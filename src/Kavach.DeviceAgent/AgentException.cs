namespace Kavach.DeviceAgent;

/// <summary>An expected failure of an agent operation, with its code (<see cref="AgentErrors"/>) and a message fit for an operator.</summary>
public sealed class AgentException : Exception
{
    /// <summary>Creates one.</summary>
    public AgentException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates one with the underlying fault.</summary>
    public AgentException(string code, string message, Exception inner)
        : base(message, inner) => Code = code;

    /// <summary>Required by the analyzers; use the coded constructors.</summary>
    public AgentException()
        : this(AgentErrors.BadInput, "agent error")
    {
    }

    /// <summary>Required by the analyzers; use the coded constructors.</summary>
    public AgentException(string message)
        : this(AgentErrors.BadInput, message)
    {
    }

    /// <summary>Required by the analyzers; use the coded constructors.</summary>
    public AgentException(string message, Exception inner)
        : this(AgentErrors.BadInput, message, inner)
    {
    }

    /// <summary>The code.</summary>
    public string Code { get; }
}
