using System.Text.Json;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Pin;

/// <summary>
/// MOSIP's PIN encryption (spec §3.5) written independently in Python: <c>hashlib.pbkdf2_hmac</c> and
/// <c>cryptography</c>'s AESGCM. Requests are <c>[op, text, pin, iterations]</c> with op "enc" (text = data) or
/// "dec" (text = the base64url ciphertext); each answer is a string, or null when decryption fails.
/// </summary>
internal static class PythonPin
{
    private const string Script = """
        import base64, hashlib, json, os, sys
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def key(pin, salt, iterations):
            # MOSIP: uppercase hex of PBKDF2WithHmacSHA512(pin chars, salt, iterations, 256 bits), hex-decoded again.
            return bytes.fromhex(hashlib.pbkdf2_hmac("sha512", pin.encode("utf-8"), salt, iterations, 32).hex().upper())

        def encrypt(data, pin, iterations):
            salt, nonce = os.urandom(32), os.urandom(12)
            sealed = AESGCM(key(pin, salt, iterations)).encrypt(nonce, data.encode("utf-8"), salt)
            return base64.urlsafe_b64encode(salt + nonce + sealed).decode().rstrip("=")

        def decrypt(text, pin, iterations):
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            salt, nonce, sealed = raw[:32], raw[32:44], raw[44:]
            try:
                return AESGCM(key(pin, salt, iterations)).decrypt(nonce, sealed, salt).decode("utf-8")
            except InvalidTag:
                return None

        out = [encrypt(t, p, n) if op == "enc" else decrypt(t, p, n) for op, t, p, n in json.load(sys.stdin)]
        json.dump(out, sys.stdout)
        """;

    /// <summary>Runs every request in one Python process.</summary>
    internal static IReadOnlyList<string?> Run(IReadOnlyList<(string Op, string Text, string Pin, int Iterations)> requests)
    {
        string input = JsonSerializer.Serialize(requests.Select(r => new object[] { r.Op, r.Text, r.Pin, r.Iterations }));
        List<string?> results = JsonSerializer.Deserialize<List<string?>>(ExternalTool.Python(Script, input))
            ?? throw new InvalidOperationException("python3 printed no results.");
        Assert.Equal(requests.Count, results.Count);
        return results;
    }
}
