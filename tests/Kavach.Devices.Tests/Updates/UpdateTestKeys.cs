using System.Security.Cryptography;
using Kavach.Devices.Updates.Signing;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Tests.Updates;

/// <summary>The offline and online update keys of the tests, made once (RSA key generation is slow) and shared read-only.</summary>
internal static class UpdateTestKeys
{
    private static readonly Lazy<RSA[]> Keys = new(() => [.. Enumerable.Range(0, 6).Select(_ => RSA.Create(2048))]);

    public static RSA Root => Keys.Value[0];

    public static RSA OtherRoot => Keys.Value[1];

    public static RSA Release => Keys.Value[2];

    public static RSA SecondRelease => Keys.Value[3];

    public static RSA Timestamp => Keys.Value[4];

    public static RSA Stranger => Keys.Value[5];

    public static string Text(RSA key) => UpdateKeys.Encode(key);

    public static UpdateSigner Signer(RSA key) => UpdateDocumentSigner.ForRsa(key);

    public static IReadOnlyList<string> RootKeys => [Text(Root)];
}
