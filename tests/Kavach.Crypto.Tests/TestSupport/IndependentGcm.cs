namespace Kavach.Crypto.Tests.TestSupport;

/// <summary>AES-GCM in implementations that share no code with ours: Python's cryptography and Java's JCE.</summary>
internal static class IndependentGcm
{
    // Each stdin line: op key iv data aad (hex, "-" for empty). Prints the hex result or "FAIL".
    private const string PythonScript = """
        import sys
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        h = lambda s: b"" if s == "-" else bytes.fromhex(s)
        for line in sys.stdin:
            op, key, iv, data, aad = line.split()
            aad = h(aad) or None
            try:
                if op == "enc":
                    print(AESGCM(h(key)).encrypt(h(iv), h(data), aad).hex() or "-")
                else:
                    print(AESGCM(h(key)).decrypt(h(iv), h(data), aad).hex() or "-")
            except InvalidTag:
                print("FAIL")
        """;

    private const string JavaSource = """
        import java.io.*;
        import java.util.HexFormat;
        import javax.crypto.*;
        import javax.crypto.spec.*;

        public class Gcm {
            public static void main(String[] args) throws Exception {
                HexFormat hex = HexFormat.of();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    String[] f = line.trim().split(" ");
                    byte[][] v = new byte[5][];
                    for (int i = 1; i < 5; i++) v[i] = f[i].equals("-") ? new byte[0] : hex.parseHex(f[i]);
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(f[0].equals("enc") ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                        new SecretKeySpec(v[1], "AES"), new GCMParameterSpec(128, v[2]));
                    if (v[4].length > 0) c.updateAAD(v[4]);
                    try {
                        byte[] r = c.doFinal(v[3]);
                        System.out.println(r.length == 0 ? "-" : hex.formatHex(r));
                    } catch (AEADBadTagException e) {
                        System.out.println("FAIL");
                    }
                }
            }
        }
        """;

    /// <summary>Runs every request through Python in one process; returns one result per request.</summary>
    internal static string[] Python(IReadOnlyList<GcmRequest> requests) =>
        Lines(ExternalTool.Python(PythonScript, Input(requests)), requests.Count);

    /// <summary>Runs every request through Java's JCE in one JVM; returns one result per request.</summary>
    internal static string[] Java(IReadOnlyList<GcmRequest> requests) =>
        Lines(ExternalTool.Java("Gcm", JavaSource, Input(requests)), requests.Count);

    private static string Input(IReadOnlyList<GcmRequest> requests) =>
        string.Concat(requests.Select(r => $"{r.Operation} {Field(r.Key)} {Field(r.Iv)} {Field(r.Data)} {Field(r.Aad)}\n"));

    private static string Field(byte[] value) => value.Length == 0 ? "-" : Bytes.Hex(value);

    private static string[] Lines(string output, int expected)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected, lines.Length);
        return lines.Select(l => l == "-" ? string.Empty : l).ToArray();
    }
}
