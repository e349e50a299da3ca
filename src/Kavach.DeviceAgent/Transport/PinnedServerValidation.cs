using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.DeviceAgent.Transport;

/// <summary>
/// Decides whether the TLS peer is our management server (spec §4.2): the certificate chains to the pinned root alone
/// (never the host's store), the name matches, and — when pins are provisioned — its key's SPKI SHA-256 is the current
/// or the backup pin.
/// </summary>
internal sealed class PinnedServerValidation
{
    private readonly X509Certificate2 _root;
    private readonly IReadOnlyList<string> _pins;

    public PinnedServerValidation(X509Certificate2 root, IReadOnlyList<string> pins)
    {
        _root = root;
        _pins = pins;
    }

    /// <summary>Why the last handshake was refused (for the local log), or null.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>The SPKI pin of <paramref name="certificate"/>: base64 SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string PinOf(X509Certificate2 certificate) =>
        Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    public bool Validate(X509Certificate? presented, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (presented is not X509Certificate2 certificate)
        {
            return Refuse("the server presented no certificate");
        }

        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return Refuse("the server certificate does not name the server");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            // The intermediates the server sent may help the path; only the pinned root can end it.
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (!chain.Build(certificate))
        {
            return Refuse("the server certificate does not chain to the pinned root");
        }

        if (_pins.Count > 0 && !_pins.Contains(PinOf(certificate), StringComparer.Ordinal))
        {
            return Refuse("the server key matches neither SPKI pin");
        }

        LastRefusal = null;
        return true;
    }

    private bool Refuse(string reason)
    {
        LastRefusal = reason;
        return false;
    }
}
