using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>An envelope that never reaches its handler: the HTTP status and the MOSIP error it is answered with.</summary>
internal sealed record EnvelopeRejection(int Status, KavachError Error);
