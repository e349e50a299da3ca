using Kavach.Hosting.Files;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>Real outputs of the server (ciphertexts, tokens, certificates) for the fuzzer to truncate and corrupt.</summary>
/// <param name="Envelope">A MOSIP envelope from <c>/encrypt</c>.</param>
/// <param name="Jwe">A compact JWE from <c>/jwtEncrypt</c>.</param>
/// <param name="Jws">A compact JWS from <c>/jwtSign</c>.</param>
/// <param name="Certificate">A PEM certificate from <c>/getCertificate</c>.</param>
/// <param name="AdminToken">A valid admin token.</param>
public sealed record FuzzMaterial(string Envelope, string Jwe, string Jws, string Certificate, string AdminToken);
