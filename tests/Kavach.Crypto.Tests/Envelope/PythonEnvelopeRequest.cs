namespace Kavach.Crypto.Tests.Envelope;

/// <summary>
/// One operation for the Python envelope implementation: <c>Op</c> "enc" (of <c>Data</c>, with a thumbprint if
/// <c>Thumbprint</c>) or "dec" (of <c>Envelope</c>). Byte fields are lowercase hex; empty means absent.
/// </summary>
internal sealed record PythonEnvelopeRequest(string Op, string Data, string Salt, string Aad, bool Thumbprint, string Envelope)
{
    internal static PythonEnvelopeRequest Encrypt(byte[] data, byte[] salt, byte[] aad, bool withThumbprint) =>
        new("enc", Convert.ToHexStringLower(data), Convert.ToHexStringLower(salt), Convert.ToHexStringLower(aad), withThumbprint, string.Empty);

    internal static PythonEnvelopeRequest Decrypt(byte[] envelope, byte[] salt, byte[] aad) =>
        new("dec", string.Empty, Convert.ToHexStringLower(salt), Convert.ToHexStringLower(aad), false, Convert.ToHexStringLower(envelope));
}
