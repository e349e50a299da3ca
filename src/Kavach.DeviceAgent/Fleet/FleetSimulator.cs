using System.Globalization;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Identity;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Provisioning;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.DeviceAgent.Fleet;

/// <summary>
/// Many simulated L1 devices against one server, through the agent's own code: provisioning (FTM chip key and
/// certificate), enrolment, then rounds of check-in, each phase measured. Keys live in memory; state lives in one
/// directory per device, written as a real agent writes it. Whitelisting is the caller's (it needs the factory's key
/// and two administrators): it takes <see cref="Entries"/> between provisioning and enrolment.
/// </summary>
public sealed class FleetSimulator : IDisposable
{
    private readonly FleetOptions _options;
    private readonly IDeviceKeyStore _keys;
    private readonly FleetKeyStore? _pool;
    private readonly WhitelistEntry?[] _entries;
    private readonly DeviceSession?[] _sessions;

    /// <summary>A fleet of <see cref="FleetOptions.Devices"/> devices; nothing is made until <see cref="ProvisionAsync"/>.</summary>
    public FleetSimulator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Devices, 1);
        _options = options;
        var memory = new SoftwareKeyStore(null);
        _pool = options.ChipKeyPool > 0 || options.PrimePairDeviceKeys
            ? new FleetKeyStore(memory, options.ChipKeyPool, options.PrimePairDeviceKeys ? new PrimePairKeys(options.Devices) : null)
            : null;
        _keys = _pool ?? (IDeviceKeyStore)memory;
        Serials = [.. Enumerable.Range(1, options.Devices).Select(i => options.SerialPrefix + i.ToString("D6", CultureInfo.InvariantCulture))];
        _entries = new WhitelistEntry?[options.Devices];
        _sessions = new DeviceSession?[options.Devices];
    }

    /// <summary>The devices' serial numbers, in order.</summary>
    public IReadOnlyList<string> Serials { get; }

    /// <summary>The whitelist entries of the devices provisioned so far.</summary>
    public IReadOnlyList<WhitelistEntry> Entries => [.. _entries.OfType<WhitelistEntry>()];

    /// <summary>The identity every device gets, with its own serial (an L1 MOSIP SLAP01 fingerprint slap by default).</summary>
    public static DeviceIdentity Template { get; } =
        new("SN", "MOSIP", "SLAP01", "Finger", "Slap", "MOSIP", "MOSIP.PROXY.SBI", "L1", "Auth", "Staging", "1.0.0", "1.0.0", ["0.9.5"]);

    /// <summary>Provisions every device (its chip key and certificate, its state directory), one per core at a time.</summary>
    public async Task<FleetPhaseResult> ProvisionAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.Root);
        // Made once before the devices run in parallel: concurrent first uses would each make a different CA.
        TestFtmAuthority.OpenOrCreate(_options.FtmCaDirectory, Template.DeviceProvider, TimeProvider.System).Dispose();
        var settings = new KeyStoreSettings(_keys.Kind);
        return await FleetPhase.RunAsync("provision", Serials, _options.ProvisionParallelism, _options.KeptErrors, async (index, ct) =>
        {
            var directory = DeviceAt(index);
            _entries[index] = await SimulatedDevice.CreateAsync(directory, Template with { SerialNo = Serials[index] }, settings, _keys, _options.FtmCaDirectory, TimeProvider.System, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enrols every device; each keeps its session (and its connection) for the check-ins, as a running agent does.</summary>
    public Task<FleetPhaseResult> EnrolAsync(CancellationToken cancellationToken) =>
        FleetPhase.RunAsync("enrol", Serials, _options.Concurrency, _options.KeptErrors, async (index, ct) =>
        {
            var session = _sessions[index] ??= DeviceSessions.Open(DeviceAt(index), _options.Server, TimeProvider.System, _keys);
            await Enrolment.EnrolAsync(session, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>One round of check-ins of every device (a time sync first when <see cref="FleetOptions.SyncTime"/>).</summary>
    public Task<FleetPhaseResult> CheckInAsync(int round, CancellationToken cancellationToken) =>
        FleetPhase.RunAsync(string.Create(CultureInfo.InvariantCulture, $"checkin-{round}"), Serials, _options.Concurrency, _options.KeptErrors, async (index, ct) =>
        {
            var session = _sessions[index] ?? throw new AgentException(AgentErrors.WrongPhase, $"device {Serials[index]} was never enrolled");
            if (_options.SyncTime)
            {
                await TimeSync.SyncAsync(session, ct).ConfigureAwait(false);
            }

            await Checkin.CheckInAsync(session, new CommandDispatcher(), ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = 0; i < _sessions.Length; i++)
        {
            _sessions[i]?.Dispose();
            _sessions[i] = null;
        }

        _pool?.Dispose();
    }

    private DeviceDirectory DeviceAt(int index) => new(Path.Combine(_options.Root, Serials[index]));
}
