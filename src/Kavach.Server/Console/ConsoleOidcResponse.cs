namespace Kavach.Server.Console;

/// <summary>The public OIDC client the console signs in with.</summary>
internal sealed record ConsoleOidcResponse(string Authority, string ClientId, string Scope);
