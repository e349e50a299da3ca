namespace Kavach.Devices.Server.Http;

/// <summary>The one JSON error shape of the device server: <c>{"errorCode":"KER-DEV-nnn","message":"…"}</c>.</summary>
/// <param name="ErrorCode">The catalogue code.</param>
/// <param name="Message">A short, generic message (never a stack trace, path, SQL or key material).</param>
public sealed record ErrorBody(string ErrorCode, string Message);
