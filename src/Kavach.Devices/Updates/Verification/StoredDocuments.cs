using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kavach.Devices.Updates.Verification;

/// <summary>Reads documents the server verified when they were published (signatures not checked again).</summary>
internal static class StoredDocuments
{
    public static bool TryReadTrust(string document, [NotNullWhen(true)] out TrustDocument? trust)
    {
        trust = null;
        return SignedEnvelope.TryParse(Encoding.UTF8.GetBytes(document), out var envelope) && UpdateDocumentCodec.TryReadTrust(envelope.Signed, out trust);
    }

    public static bool TryReadRelease(ReadOnlySpan<byte> document, [NotNullWhen(true)] out ReleaseManifest? release, out UpdateRefusal refusal, TrustDocument trust)
    {
        release = null;
        if (!SignedEnvelope.TryParse(document, out var envelope) || !UpdateDocumentCodec.TryReadRelease(envelope.Signed, out var parsed))
        {
            refusal = UpdateRefusal.Malformed;
            return false;
        }

        refusal = UpdateSignatures.Check(envelope, UpdateRole.Release, trust.ReleaseKeys, trust.Threshold);
        release = refusal == UpdateRefusal.None ? parsed : null;
        return release is not null;
    }
}
