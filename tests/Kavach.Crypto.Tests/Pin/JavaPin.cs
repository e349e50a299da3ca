using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Pin;

/// <summary>
/// MOSIP's own PIN code path on Java's JCE: <c>userPin.getBytes()</c>, <c>new String(..).toCharArray()</c>,
/// <c>PBKDF2WithHmacSHA512</c> to uppercase hex and back, then AES/GCM with the salt as AAD. Each stdin line is
/// <c>op iterations pinChars text</c>: pinChars are UTF-16 code units in hex joined by '.', so unpaired surrogates
/// get through; text is UTF-8 hex (enc) or the base64url ciphertext (dec). Prints base64url, UTF-8 hex, or FAIL.
/// </summary>
internal static class JavaPin
{
    private const string Source = """
        import java.io.*;
        import java.nio.charset.StandardCharsets;
        import java.security.SecureRandom;
        import java.util.*;
        import javax.crypto.*;
        import javax.crypto.spec.*;

        public class Pin {
            public static void main(String[] args) throws Exception {
                HexFormat hex = HexFormat.of();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    String[] f = line.trim().split(" ", -1);
                    int iterations = Integer.parseInt(f[1]);
                    StringBuilder pin = new StringBuilder();
                    if (!f[2].equals("-")) for (String c : f[2].split("\\.")) pin.append((char) Integer.parseInt(c, 16));
                    if (f[0].equals("enc")) {
                        byte[] data = f[3].equals("-") ? new byte[0] : hex.parseHex(f[3]);
                        System.out.println(encrypt(new String(data, StandardCharsets.UTF_8), pin.toString(), iterations));
                    } else {
                        try {
                            byte[] plain = decrypt(f[3], pin.toString(), iterations).getBytes(StandardCharsets.UTF_8);
                            System.out.println(plain.length == 0 ? "-" : hex.formatHex(plain));
                        } catch (AEADBadTagException e) {
                            System.out.println("FAIL");
                        }
                    }
                }
            }

            // CryptomanagerServiceImpl.getDerivedKey + CryptoCore.hash; getBytes() pinned to UTF-8 as MOSIP's JVMs run.
            static SecretKey key(String userPin, byte[] salt, int iterations) throws Exception {
                byte[] data = userPin.getBytes(StandardCharsets.UTF_8);
                PBEKeySpec spec = new PBEKeySpec(new String(data, StandardCharsets.UTF_8).toCharArray(), salt, iterations, 256);
                byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
                String upperHex = HexFormat.of().withUpperCase().formatHex(derived);
                return new SecretKeySpec(HexFormat.of().parseHex(upperHex), "AES");
            }

            static String encrypt(String data, String pin, int iterations) throws Exception {
                SecureRandom random = new SecureRandom();
                byte[] salt = new byte[32];
                byte[] nonce = new byte[12];
                random.nextBytes(salt);
                random.nextBytes(nonce);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key(pin, salt, iterations), new GCMParameterSpec(128, nonce));
                c.updateAAD(salt);
                byte[] sealed = c.doFinal(data.getBytes(StandardCharsets.UTF_8));
                byte[] out = new byte[32 + 12 + sealed.length];
                System.arraycopy(salt, 0, out, 0, 32);
                System.arraycopy(nonce, 0, out, 32, 12);
                System.arraycopy(sealed, 0, out, 44, sealed.length);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
            }

            static String decrypt(String text, String pin, int iterations) throws Exception {
                byte[] raw = Base64.getUrlDecoder().decode(text);
                byte[] salt = Arrays.copyOfRange(raw, 0, 32);
                byte[] nonce = Arrays.copyOfRange(raw, 32, 44);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key(pin, salt, iterations), new GCMParameterSpec(128, nonce));
                c.updateAAD(salt);
                return new String(c.doFinal(Arrays.copyOfRange(raw, 44, raw.length)), StandardCharsets.UTF_8);
            }
        }
        """;

    /// <summary>Runs every request in one JVM; an answer is base64url (enc), UTF-8 hex (dec, "" for empty), or FAIL.</summary>
    internal static string[] Run(IReadOnlyList<(string Op, int Iterations, string Pin, string Text)> requests)
    {
        string input = string.Concat(requests.Select(r => $"{r.Op} {r.Iterations} {PinChars(r.Pin)} {(r.Text.Length == 0 ? "-" : r.Text)}\n"));
        string[] lines = ExternalTool.Java("Pin", Source, input).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(requests.Count, lines.Length);
        return lines.Select(l => l == "-" ? string.Empty : l).ToArray();
    }

    private static string PinChars(string pin) => pin.Length == 0 ? "-" : string.Join('.', pin.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
}
