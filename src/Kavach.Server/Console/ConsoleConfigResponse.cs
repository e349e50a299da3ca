namespace Kavach.Server.Console;

/// <summary>What <c>/console/config.json</c> tells the console: where to sign in, and the device server it may call.</summary>
internal sealed record ConsoleConfigResponse(ConsoleOidcResponse? Oidc, ConsoleDeviceServerResponse? DeviceServer);
