using Kavach.Devices.Commands;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Hooks;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Audit;
using Kavach.Keys.Storage;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Trust.Channel;
using Kavach.Trust.Storage;
using Kavach.Storage.Audit;
using Kavach.Storage.Inventory;

namespace Kavach.Storage;

/// <summary>
/// The key manager's database as one object: keys, the audit trail, the zero-knowledge key pool and the partner trust
/// store, with the partner channel's partners and replay ledger, on one connection pool. Hosts get it from <see cref="StorageServiceCollectionExtensions.AddKavachStore"/>
/// (registered under each interface) or <see cref="KeyStores.Create"/>; dispose it to close the pool.
/// </summary>
public interface IKavachStore : IKeyStore, IAuditStore, IKeyInventoryStore, IAuditQueryStore, IZkKeyPoolStore, ITrustRepository, IChannelPartnerRepository, IReplayLedger,
    IDeviceRegistryStore, IDeviceCertificateStore, IDeviceApprovalStore, IDeviceProviderStore, IDeviceModelStore, IWhitelistStore, IEnrolmentStore, IDeviceCommandStore, IDailyJobRunStore, IDeviceUpdateStore, ITransparencyLogStore, IHookOutboxStore, IDeregistrationStore,
    IAsyncDisposable;
