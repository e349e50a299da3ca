namespace Kavach.Server.Console;

/// <summary>The device management server's base URL.</summary>
internal sealed record ConsoleDeviceServerResponse(string Url);
