using System.Text.Json;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>
/// An independent implementation of MOSIP's hybrid envelope (spec §3.2/§3.3) in Python with the <c>cryptography</c>
/// package. It shares no code with ours: it is written from the spec alone.
/// </summary>
internal static class PythonEnvelope
{
    private const string Script = """
        import hashlib, json, os, sys
        from cryptography import x509
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        SPLITTER = b"#KEY_SPLITTER#"
        VERSION = b"VER_R2"
        OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)

        job = json.load(sys.stdin)
        cert = x509.load_pem_x509_certificate(job["certificatePem"].encode())
        private_key = serialization.load_pem_private_key(job["privateKeyPem"].encode(), password=None)

        def encrypt(data, salt, aad, with_thumbprint):
            key = os.urandom(32)
            gcm = AESGCM(key)
            if salt:
                header, enc = b"", gcm.encrypt(salt, data, aad or None)
            elif aad:
                iv = os.urandom(16)
                header, enc = b"", gcm.encrypt(iv, data, aad) + iv
            else:
                a = os.urandom(32)
                header, enc = VERSION, a + gcm.encrypt(a[:12], data, a)
            thumbprint = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest() if with_thumbprint else b""
            return header + thumbprint + cert.public_key().encrypt(key, OAEP) + SPLITTER + enc

        def decrypt(envelope, salt, aad):
            at = envelope.find(SPLITTER)
            if at < 0:
                raise ValueError("no splitter")
            key_block, enc = envelope[:at], envelope[at + len(SPLITTER):]
            v2 = key_block.startswith(VERSION)
            if v2:
                key_block = key_block[len(VERSION):]
            thumbprint, wrapped = (key_block[:32], key_block[32:]) if len(key_block) == 288 else (b"", key_block)
            gcm = AESGCM(private_key.decrypt(wrapped, OAEP))
            if salt:
                plain = gcm.decrypt(salt, enc, aad or None)
            elif v2:
                plain = gcm.decrypt(enc[:12], enc[32:], enc[:32])
            else:
                plain = gcm.decrypt(enc[-16:], enc[:-16], aad or None)
            return plain, thumbprint, v2

        results = []
        for r in job["requests"]:
            h = lambda name: bytes.fromhex(r[name])
            try:
                if r["op"] == "enc":
                    results.append({"ok": True, "envelope": encrypt(h("data"), h("salt"), h("aad"), r["thumbprint"]).hex()})
                else:
                    plain, thumbprint, v2 = decrypt(h("envelope"), h("salt"), h("aad"))
                    results.append({"ok": True, "plaintext": plain.hex(), "thumbprint": thumbprint.hex(), "v2": v2})
            except (InvalidTag, ValueError):
                results.append({"ok": False, "v2": False})
        json.dump(results, sys.stdout)
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs all requests in one Python process, with the shared test certificate and private key.</summary>
    internal static IReadOnlyList<PythonEnvelopeResult> Run(IReadOnlyList<PythonEnvelopeRequest> requests)
    {
        string input = JsonSerializer.Serialize(
            new { certificatePem = EnvelopeTestKeys.CertificatePem, privateKeyPem = EnvelopeTestKeys.PrivateKeyPem, requests },
            Json);
        string output = ExternalTool.Python(Script, input);
        List<PythonEnvelopeResult> results = JsonSerializer.Deserialize<List<PythonEnvelopeResult>>(output, Json)
            ?? throw new InvalidOperationException("python3 printed no results.");
        Assert.Equal(requests.Count, results.Count);
        return results;
    }
}
