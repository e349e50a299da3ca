namespace Kavach.Keys.Errors;

/// <summary>An expected failure: a MOSIP error code and its message, exactly as they go on the wire.</summary>
public sealed record KavachError(string Code, string Message)
{
    /// <summary>The same code with text appended to the message (MOSIP appends details to some messages).</summary>
    public KavachError WithDetail(string detail) => this with { Message = Message + detail };

    /// <summary>The same code with a MOSIP <c>%s</c> placeholder filled in.</summary>
    public KavachError Format(string argument) => this with { Message = Message.Replace("%s", argument, StringComparison.Ordinal) };
}
