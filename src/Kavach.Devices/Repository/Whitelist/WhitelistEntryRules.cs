using Kavach.Devices.Repository.Models;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>The field rules of a batch entry (spec §1.3, §1.4, §4.5); the first broken rule names the entry and field.</summary>
internal static class WhitelistEntryRules
{
    /// <summary>The entry as stored (hashes lower case), or the error.</summary>
    public static Result<WhitelistEntry> Check(WhitelistBatchFileEntry? entry, int index)
    {
        string Field(string name) => $"entries[{index}].{name}";
        if (entry is null)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("entry"));
        }

        if (entry.SerialNo is null || !RepositoryPatterns.SerialNo().IsMatch(entry.SerialNo))
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("serialNo"));
        }

        if (RepositoryInput.Text(entry.Make, Field("make"), ModelService.MaxFieldLength) is not null)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("make"));
        }

        if (RepositoryInput.Text(entry.Model, Field("model"), ModelService.MaxFieldLength) is not null)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("model"));
        }

        if (!DeviceTypes.IsValid(entry.Type, entry.DeviceSubType))
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("type/deviceSubType"));
        }

        if (entry.Certification is not ("L0" or "L1"))
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("certification"));
        }

        // MOSIP: authentication capture is L1 only.
        if (entry.Purpose is not ("Auth" or "Registration") || (entry.Purpose == "Auth" && entry.Certification == "L0"))
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("purpose"));
        }

        if (entry.Env is null || !WhitelistBatchFormat.Environments.Contains(entry.Env))
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field("env"));
        }

        // L1 is anchored by its FTM chip certificate; L0 by its pre-registered device key or a one-time enrolment
        // secret (spec §4.5). Exactly one anchor, of the entry's level.
        var l1 = entry.Certification == "L1";
        var (name, anchor) = l1 ? ("ftmCertSha256", entry.FtmCertSha256)
            : entry.L0SecretSha256 is null ? ("l0KeySha256", entry.L0KeySha256) : ("l0SecretSha256", entry.L0SecretSha256);
        var anchors = new[] { entry.FtmCertSha256, entry.L0KeySha256, entry.L0SecretSha256 }.Count(static a => a is not null);
        if (anchor is null || !RepositoryPatterns.Sha256Hex().IsMatch(anchor) || anchors != 1)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format(Field(name));
        }

        string? Hash(string? value) => value?.ToLowerInvariant();
        return new WhitelistEntry(
            entry.SerialNo, entry.Make, entry.Model, entry.Type, entry.DeviceSubType, entry.Certification, entry.Purpose, entry.Env,
            Hash(entry.FtmCertSha256), Hash(entry.L0KeySha256), Hash(entry.L0SecretSha256));
    }
}
