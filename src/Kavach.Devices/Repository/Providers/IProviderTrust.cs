using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Repository.Providers;

/// <summary>The partner trust store as the repository uses it: provider CA chains in domains DEVICE and FTM, and path checks.</summary>
public interface IProviderTrust
{
    /// <summary>Uploads one PEM certificate or a bundle into <paramref name="domain"/>; the trust store's status, or its error.</summary>
    Task<Result<string>> UploadCaAsync(string certificateData, string domain, string uploadedBy, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="certificate"/> has a valid, unrevoked path to a CA of <paramref name="domain"/> now; otherwise the reason.</summary>
    Task<(bool Trusted, string? Reason)> EvaluateAsync(X509Certificate2 certificate, string domain, CancellationToken cancellationToken);
}
