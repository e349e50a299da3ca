using System.Text.Json;
using Kavach.Crypto;
using Kavach.Keys.Errors;
using Microsoft.IdentityModel.JsonWebTokens;
using Kavach.Hosting.Files;

namespace Kavach.Hosting.Tokens;

/// <summary>
/// <c>&lt;DataDir&gt;/admin.token</c> (mode 0600): a local-issuer JWT with every administrative role for the local
/// operator. Written at first start, and re-issued whenever it is missing, not a token of the current issuer keys, has
/// other roles than configured, or has less than half of its lifetime left. Replaced atomically (write, then rename).
/// </summary>
public static class AdminTokenFile
{
    /// <summary>Makes sure the file holds a fresh admin token; returns what it did, or the issuer's error.</summary>
    public static async Task<Result<AdminTokenOutcome>> EnsureAsync(LocalTokenIssuer issuer, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var options = issuer.Options;
        if (!options.Enabled || !options.WriteAdminToken)
        {
            return AdminTokenOutcome.Disabled;
        }

        var path = Path.Combine(dataDirectory, AdminToken.FileName);
        var existing = File.Exists(path) ? (await File.ReadAllTextAsync(path, cancellationToken)).Trim() : null;
        if (existing is not null && await IsFreshAsync(existing, issuer, cancellationToken))
        {
            return AdminTokenOutcome.Kept;
        }

        var issued = await issuer.IssueAsync(options.AdminSubject, options.EffectiveAdminRoles.ToList(), options.AdminTokenLifetime, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        await WriteAsync(path, issued.Value.Token, cancellationToken);
        return existing is null ? AdminTokenOutcome.Created : AdminTokenOutcome.Renewed;
    }

    private static async Task<bool> IsFreshAsync(string token, LocalTokenIssuer issuer, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            return false;
        }

        var options = issuer.Options;
        var keys = await issuer.GetVerificationKeysAsync(cancellationToken);
        if (!keys.IsSuccess || !keys.Value.Any(k => k.KeyId == jwt.Kid))
        {
            return false;
        }

        if (!Base64Url.TryDecodeUrlSafe(jwt.EncodedPayload, out var payload))
        {
            return false;
        }

        HashSet<string> roles;
        using (var document = JsonDocument.Parse(payload))
        {
            roles = TokenClaims.Roles(document.RootElement, ["realm_access.roles"]).ToHashSet(StringComparer.Ordinal);
        }

        var now = issuer.Now;
        return jwt.Issuer == options.Issuer &&
               jwt.Subject == options.AdminSubject &&
               roles.SetEquals(options.EffectiveAdminRoles) &&
               jwt.IssuedAt <= now + TimeSpan.FromMinutes(1) &&
               jwt.ValidTo - now > options.AdminTokenLifetime / 2;
    }

    private static async Task WriteAsync(string path, string token, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(token + "\n"), cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
