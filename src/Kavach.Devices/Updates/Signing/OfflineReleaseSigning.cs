using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Updates.Signing;

/// <summary>
/// The offline half of update signing, for the operator's air-gapped machine (the CLI's <c>kavach devices releases
/// sign</c> and <c>trust sign</c>): reads an unsigned document, checks it strictly, signs it with PEM private keys,
/// and returns the signed bytes to publish. The Release Root and release keys never reach the server.
/// </summary>
public static class OfflineReleaseSigning
{
    /// <summary>Signs an unsigned <c>trust.json</c> (its <c>signed</c> part) with the Release Root key(s) given as PKCS#8 or PKCS#1 PEM.</summary>
    /// <returns>The signed document, or null with <paramref name="error"/> when the input is not a valid trust document or a key is not RSA ≥ 2048.</returns>
    public static byte[]? SignTrust(ReadOnlySpan<byte> unsignedJson, IReadOnlyList<string> privateKeyPems, [NotNullWhen(false)] out string? error) =>
        Sign(unsignedJson, privateKeyPems, UpdateRole.Trust, out error);

    /// <summary>Signs an unsigned release manifest (its <c>signed</c> part) with release key(s) given as PEM.</summary>
    public static byte[]? SignRelease(ReadOnlySpan<byte> unsignedJson, IReadOnlyList<string> privateKeyPems, [NotNullWhen(false)] out string? error) =>
        Sign(unsignedJson, privateKeyPems, UpdateRole.Release, out error);

    /// <summary>The public key text (for <c>trust.json</c>) of a PEM private or public RSA key.</summary>
    public static string? PublicKeyOf(string pem)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }

        return UpdateKeys.Encode(rsa);
    }

    private static byte[]? Sign(ReadOnlySpan<byte> unsignedJson, IReadOnlyList<string> privateKeyPems, UpdateRole role, out string? error)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPems);
        if (!TryValidate(unsignedJson, role))
        {
            error = role == UpdateRole.Trust ? "The input is not a valid trust document." : "The input is not a valid release manifest.";
            return null;
        }

        var keys = new List<RSA>();
        try
        {
            foreach (var pem in privateKeyPems)
            {
                var rsa = RSA.Create();
                keys.Add(rsa);
                try
                {
                    rsa.ImportFromPem(pem);
                }
                catch (Exception e) when (e is ArgumentException or CryptographicException)
                {
                    error = "A signing key is not an RSA private key in PEM.";
                    return null;
                }

                if (rsa.KeySize < 2048)
                {
                    error = "Signing keys must be RSA of at least 2048 bits (3072 or 4096 recommended).";
                    return null;
                }
            }

            if (keys.Count == 0)
            {
                error = "At least one signing key is needed.";
                return null;
            }

            error = null;
            return UpdateDocumentSigner.Sign(role, unsignedJson, [.. keys.Select(UpdateDocumentSigner.ForRsa)]);
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    private static bool TryValidate(ReadOnlySpan<byte> json, UpdateRole role)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 20 });
            return role == UpdateRole.Trust
                ? UpdateDocumentCodec.TryReadTrust(document.RootElement, out _)
                : UpdateDocumentCodec.TryReadRelease(document.RootElement, out _);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
