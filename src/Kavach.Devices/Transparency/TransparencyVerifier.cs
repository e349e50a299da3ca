using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Transparency;

/// <summary>
/// What an auditor or the CLI (<c>kavach devices log verify-inclusion | verify-consistency</c>) checks, trusting only
/// the log certificate it pinned: tree head signatures, inclusion of a leaf, consistency of two tree heads. Pure: no
/// network, no store. Every method returns null when the check passes and a short reason when it does not.
/// </summary>
public static class TransparencyVerifier
{
    /// <summary>Checks the signature of <paramref name="head"/> with the key of <paramref name="logCertificate"/>.</summary>
    public static string? VerifyTreeHead(SignedTreeHead head, X509Certificate2 logCertificate)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(logCertificate);
        if (head.TreeSize < 0 || head.RootHash is not { Length: MerkleHashes.Size } || head.Signature is null)
        {
            return "The tree head is malformed.";
        }

        if (!string.Equals(head.KeyId, KeyIdOf(logCertificate), StringComparison.Ordinal))
        {
            return "The tree head was signed by another key than the pinned log certificate's.";
        }

        using var key = logCertificate.GetRSAPublicKey();
        if (key is null)
        {
            return "The log certificate has no RSA key.";
        }

        var signed = SignedTreeHead.SignedBytes(head.TreeSize, head.RootHash, head.Timestamp);
        return key.VerifyData(signed, head.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? null
            : "The tree head signature does not verify.";
    }

    /// <summary>
    /// Checks that the leaf <paramref name="leaf"/> (its canonical bytes) is in the tree <paramref name="head"/> signs,
    /// at the proof's index; the head's signature is checked first.
    /// </summary>
    public static string? VerifyInclusion(SignedTreeHead head, X509Certificate2 logCertificate, ReadOnlySpan<byte> leaf, InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (VerifyTreeHead(head, logCertificate) is { } problem)
        {
            return problem;
        }

        if (proof.TreeSize != head.TreeSize)
        {
            return "The proof is for another tree size than the tree head.";
        }

        var leafHash = MerkleHashes.Leaf(leaf);
        if (!CryptographicOperations.FixedTimeEquals(leafHash, proof.LeafHash ?? []))
        {
            return "The leaf does not hash to the proof's leaf hash.";
        }

        return MerkleProofs.VerifyInclusion(leafHash, proof.LeafIndex, head.TreeSize, proof.AuditPath, head.RootHash)
            ? null
            : "The inclusion proof does not lead to the tree head's root.";
    }

    /// <summary>Checks that <paramref name="older"/> and <paramref name="newer"/> are both signed and that the newer tree extends the older one.</summary>
    public static string? VerifyConsistency(SignedTreeHead older, SignedTreeHead newer, X509Certificate2 logCertificate, ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(proof);
        if (VerifyTreeHead(older, logCertificate) is { } first)
        {
            return "Older tree head: " + first;
        }

        if (VerifyTreeHead(newer, logCertificate) is { } second)
        {
            return "Newer tree head: " + second;
        }

        if (proof.First != older.TreeSize || proof.Second != newer.TreeSize)
        {
            return "The proof is for other tree sizes than the tree heads.";
        }

        return MerkleProofs.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, proof.Path)
            ? null
            : "The trees are not consistent: the log forked or rewrote history.";
    }

    /// <summary>The key id of a log certificate: lower-case hex SHA-256 of its DER.</summary>
    public static string KeyIdOf(X509Certificate2 logCertificate)
    {
        ArgumentNullException.ThrowIfNull(logCertificate);
        return Convert.ToHexStringLower(SHA256.HashData(logCertificate.RawData));
    }
}
