namespace Kavach.Crypto.Tests.Envelope;

/// <summary>What the Python envelope implementation answered: an envelope, or a plaintext with the parsed thumbprint and V2 flag.</summary>
internal sealed record PythonEnvelopeResult(bool Ok, string? Envelope, string? Plaintext, string? Thumbprint, bool V2);
