using System.Security.Cryptography;
using Kavach.DeviceAgent.Identity;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.DeviceAgent.Provisioning;

/// <summary>
/// Makes a simulated device the way a factory provisions a real one: its identity, and for L1 an FTM chip key in the
/// device's key store with a chip certificate from a test FTM CA; for L0 the device key itself, made now so its hash
/// can be pre-registered in the whitelist (or, with <c>l0Secret</c>, a one-time enrolment secret whose hash is
/// whitelisted instead); and the Release Root keys its updates must chain to. Returns the device's whitelist entry.
/// </summary>
public static class SimulatedDevice
{
    /// <summary>Provisions the device in <paramref name="directory"/>; refuses a directory that already holds one.</summary>
    public static async Task<WhitelistEntry> CreateAsync(
        DeviceDirectory directory,
        DeviceIdentity identity,
        KeyStoreSettings keyStore,
        IDeviceKeyStore keys,
        string? ftmCaDirectory,
        TimeProvider time,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? updateRootKeys = null,
        bool l0Secret = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(keys);
        directory.Ensure();
        if (directory.HasDevice)
        {
            throw new AgentException(AgentErrors.BadInput, $"{directory.Path} already holds device {DeviceStateFile.Load(directory).Identity.SerialNo}");
        }

        if (l0Secret && identity.IsL1)
        {
            throw new AgentException(AgentErrors.BadInput, "a one-time enrolment secret is for L0 devices only");
        }

        var state = new DeviceState { Identity = identity, KeyStore = keyStore, UpdateRootKeys = [.. updateRootKeys ?? []] };
        string? ftmCertSha256 = null;
        string? l0KeySha256 = null;
        string? l0SecretSha256 = null;
        if (identity.IsL1)
        {
            if (ftmCaDirectory is null)
            {
                throw new AgentException(AgentErrors.BadInput, "an L1 device needs --ftm-ca-dir (the test FTM CA that certifies its chip)");
            }

            using var authority = TestFtmAuthority.OpenOrCreate(ftmCaDirectory, identity.DeviceProvider, time);
            var label = DeviceKeyLabels.Ftm(identity.SerialNo);
            await keys.DestroyAsync(label, cancellationToken);
            using var chipKey = await keys.CreateAsync(label, cancellationToken);
            using var chip = authority.IssueChip(identity.SerialNo, identity.DeviceProvider, chipKey, time);
            state.FtmCertificatePem = chip.ExportCertificatePem();
            ftmCertSha256 = Convert.ToHexStringLower(SHA256.HashData(chip.RawData));
        }
        else
        {
            var label = DeviceKeyLabels.Device(identity.SerialNo, 1);
            await keys.DestroyAsync(label, cancellationToken);
            using var deviceKey = await keys.CreateAsync(label, cancellationToken);
            if (l0Secret)
            {
                state.L0EnrolmentSecret = L0Secret.Create();
                l0SecretSha256 = L0Secret.Sha256Of(state.L0EnrolmentSecret);
            }
            else
            {
                l0KeySha256 = Convert.ToHexStringLower(SHA256.HashData(deviceKey.ExportSubjectPublicKeyInfo()));
            }
        }

        DeviceStateFile.Save(directory, state);
        return new WhitelistEntry(identity.SerialNo, identity.Make, identity.Model, identity.Type, identity.DeviceSubType, identity.Certification, identity.Purpose, identity.Env, ftmCertSha256, l0KeySha256, l0SecretSha256);
    }
}
