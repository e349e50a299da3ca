using Kavach.Hosting.Files;
using Kavach.Keys.Errors;

namespace Kavach.Hosting.Tokens;

/// <summary>Writes or refreshes <c>&lt;DataDir&gt;/admin.token</c>; one writer at a time per process.</summary>
public sealed class AdminTokens : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LocalTokenIssuer _issuer;
    private readonly KavachDataDirectory _dataDirectory;

    /// <summary>Creates the service.</summary>
    public AdminTokens(LocalTokenIssuer issuer, KavachDataDirectory dataDirectory)
    {
        _issuer = issuer;
        _dataDirectory = dataDirectory;
    }

    /// <summary>The token file.</summary>
    public string FilePath => Path.Combine(_dataDirectory.Path, AdminToken.FileName);

    /// <summary>Writes the token if it is missing, not ours, or past half its lifetime.</summary>
    public async Task<Result<AdminTokenOutcome>> EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await AdminTokenFile.EnsureAsync(_issuer, _dataDirectory.Path, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
