using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>A combination of salt, AAD and thumbprint, which selects the envelope's mode.</summary>
internal sealed record EnvelopeCase(string Name, byte[] Salt, byte[] Aad, bool WithThumbprint)
{
    /// <summary>MOSIP's V2 mode: no salt and no AAD.</summary>
    internal bool IsV2 => Salt.Length == 0 && Aad.Length == 0;

    /// <summary>V2, salt mode with 12-, 13-, 16- and 31-byte salts, salt plus AAD, AAD mode; with and without a thumbprint.</summary>
    internal static IEnumerable<EnvelopeCase> All(Random random)
    {
        foreach (bool thumbprint in new[] { true, false })
        {
            string suffix = thumbprint ? string.Empty : " (legacy, no thumbprint)";
            yield return new EnvelopeCase("V2" + suffix, [], [], thumbprint);
            foreach (int saltLength in new[] { 12, 13, 16, 31 })
            {
                yield return new EnvelopeCase($"salt {saltLength}{suffix}", Bytes.Random(random, saltLength), [], thumbprint);
            }

            yield return new EnvelopeCase("salt 12 + aad 32" + suffix, Bytes.Random(random, 12), Bytes.Random(random, 32), thumbprint);
            yield return new EnvelopeCase("salt 16 + aad 5" + suffix, Bytes.Random(random, 16), Bytes.Random(random, 5), thumbprint);
            yield return new EnvelopeCase("aad 32" + suffix, [], Bytes.Random(random, 32), thumbprint);
            yield return new EnvelopeCase("aad 1" + suffix, [], Bytes.Random(random, 1), thumbprint);
        }
    }
}
