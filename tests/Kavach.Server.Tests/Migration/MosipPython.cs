using System.Security.Cryptography.X509Certificates;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Migration;

/// <summary>
/// MOSIP's byte formats made by an implementation independent of Kavach's (Python's cryptography package), from the
/// spec alone: the wrapped private key of <c>key_store</c> (§3.4) and the hybrid envelope of <c>/encrypt</c> (§3.2).
/// </summary>
internal static class MosipPython
{
    private const string Common =
        """
        import base64, hashlib, os, sys
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        SPLITTER = b"#KEY_SPLITTER#"
        def b64url(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
        def oaep(cert, data):
            return cert.public_key().encrypt(data, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
        cert = x509.load_der_x509_certificate(bytes.fromhex(sys.argv[1]))
        """;

    /// <summary><c>base64url(RSA-OAEP-SHA256(master, K2) || "#KEY_SPLITTER#" || AES-GCM(K2, PKCS#8, iv16) || tag || iv16)</c>.</summary>
    public static Task<string> WrapPrivateKeyAsync(X509Certificate2 master, byte[] pkcs8) =>
        Python.RunAsync(
            Common +
            """

            k2 = os.urandom(32); iv = os.urandom(16)
            e1 = AESGCM(k2).encrypt(iv, bytes.fromhex(sys.argv[2]), None) + iv
            print(b64url(oaep(cert, k2) + SPLITTER + e1))
            """,
            Convert.ToHexString(master.RawData),
            Convert.ToHexString(pkcs8));

    /// <summary>
    /// The VER_R2 envelope (no salt, no aad): <c>"VER_R2" || SHA-256(cert) || OAEP(K) || splitter || A(32) || AES-GCM(K, A[..12], aad A)</c>.
    /// </summary>
    public static Task<string> EncryptVersion2Async(X509Certificate2 certificate, byte[] data) =>
        Python.RunAsync(
            Common +
            """

            k = os.urandom(32); a = os.urandom(32)
            enc = a + AESGCM(k).encrypt(a[:12], bytes.fromhex(sys.argv[2]), a)
            print(b64url(b"VER_R2" + hashlib.sha256(bytes.fromhex(sys.argv[1])).digest() + oaep(cert, k) + SPLITTER + enc))
            """,
            Convert.ToHexString(certificate.RawData),
            Convert.ToHexString(data));

    /// <summary>The older form with caller AAD (mode A): <c>SHA-256(cert) || OAEP(K) || splitter || AES-GCM(K, iv16, aad) || iv16</c>.</summary>
    public static Task<string> EncryptWithAadAsync(X509Certificate2 certificate, byte[] data, byte[] aad) =>
        Python.RunAsync(
            Common +
            """

            k = os.urandom(32); iv = os.urandom(16)
            enc = AESGCM(k).encrypt(iv, bytes.fromhex(sys.argv[2]), bytes.fromhex(sys.argv[3])) + iv
            print(b64url(hashlib.sha256(bytes.fromhex(sys.argv[1])).digest() + oaep(cert, k) + SPLITTER + enc))
            """,
            Convert.ToHexString(certificate.RawData),
            Convert.ToHexString(data),
            Convert.ToHexString(aad));

    /// <summary>
    /// A zkEncrypt attribute value as MOSIP makes it (spec §7.2) with pool key <paramref name="randomKey"/> at
    /// <paramref name="index"/>: <c>base64url(INT32_BE(index) || nonce12 || aad32 || AES-GCM(AES-ECB(R, SHA-256(id)), nonce, aad))</c>.
    /// </summary>
    public static Task<string> ZkEncryptAsync(int index, byte[] randomKey, string id, string value) =>
        Python.RunAsync(
            """
            import base64, hashlib, os, sys
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            index, r, uid, value = int(sys.argv[1]), bytes.fromhex(sys.argv[2]), sys.argv[3], sys.argv[4]
            enc = Cipher(algorithms.AES(r), modes.ECB()).encryptor()
            dk = enc.update(hashlib.sha256(uid.encode()).digest()) + enc.finalize()
            nonce, aad = os.urandom(12), os.urandom(32)
            out = index.to_bytes(4, "big") + nonce + aad + AESGCM(dk).encrypt(nonce, value.encode(), aad)
            print(base64.urlsafe_b64encode(out).rstrip(b"=").decode())
            """,
            index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToHexString(randomKey),
            id,
            value);
}
