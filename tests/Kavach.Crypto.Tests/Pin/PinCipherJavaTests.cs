using System.Text;
using Kavach.Crypto.Pin;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Pin;

/// <summary>PIN encryption against MOSIP's code path on Java's JCE, including how Java encodes odd PINs.</summary>
public sealed class PinCipherJavaTests
{
    private const int Iterations = 10;

    private static readonly (string Text, string Pin)[] Cases =
    [
        ("", "1234"),
        ("MOSIP", "1234"),
        ("नमस्ते दुनिया 😀", "पिन"),
        ("{\"vid\":\"1234567890123456\"}", ""),
        ("lone surrogate pin", "12\uD800"),
        ("lone low surrogate pin", "\uDC00x"),
        ("emoji pin", "😀"),
    ];

    [Fact]
    public void Java_decrypts_what_we_encrypt()
    {
        var requests = Cases.Select(c => ("dec", Iterations, c.Pin, PinCipher.Encrypt(c.Text, c.Pin, Iterations))).ToList();
        requests.Add(("dec", Iterations, "1235", PinCipher.Encrypt("x", "1234", Iterations))); // control: wrong PIN

        string[] results = JavaPin.Run(requests);

        for (int i = 0; i < Cases.Length; i++)
        {
            Assert.Equal(Bytes.Hex(Encoding.UTF8.GetBytes(Cases[i].Text)), results[i]);
        }

        Assert.Equal("FAIL", results[^1]);
    }

    [Fact]
    public void We_decrypt_what_java_encrypts()
    {
        string[] results = JavaPin.Run(Cases.Select(c => ("enc", Iterations, c.Pin, Bytes.Hex(Encoding.UTF8.GetBytes(c.Text)))).ToList());

        for (int i = 0; i < Cases.Length; i++)
        {
            Assert.True(PinCipher.TryDecrypt(results[i], Cases[i].Pin, Iterations, out string data), Cases[i].Text);
            Assert.Equal(Cases[i].Text, data);
        }
    }
}
