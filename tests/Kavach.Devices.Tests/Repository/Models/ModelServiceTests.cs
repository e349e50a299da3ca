using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;

namespace Kavach.Devices.Tests.Repository.Models;

/// <summary>Approved makes and models: PMS DeviceDetailDto fields, valid type/sub-type pairs, a DEVICE provider.</summary>
public sealed class ModelServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private RepositoryHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = new RepositoryHarness();
        Assert.True((await _h.Providers.AddAsync(new AddProviderRequest("DP1", "Org", "DEVICE"), "alice", Ct)).IsSuccess);
        Assert.True((await _h.Providers.AddAsync(new AddProviderRequest("FTM1", "Chips", "FTM"), "alice", Ct)).IsSuccess);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("Finger", "Slap")]
    [InlineData("Finger", "Single")]
    [InlineData("Finger", "Touchless")]
    [InlineData("Iris", "Single")]
    [InlineData("Iris", "Double")]
    [InlineData("Face", "Full face")]
    public async Task Each_MOSIP_type_and_sub_type_pair_is_approved(string type, string subType)
    {
        var result = await _h.Models.ApproveAsync(new DeviceModelDetail("M-" + type + subType.Replace(" ", "", StringComparison.Ordinal), "DP1", type, subType, "MAKE", type + subType), "alice", Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(result.Value, (await _h.Models.GetAsync(result.Value.Id, Ct)).Value);
        Assert.True(result.Value.IsActive);
    }

    [Theory]
    [InlineData("Iris", "Slap")]
    [InlineData("Face", "Single")]
    [InlineData("Finger", "Double")]
    [InlineData("finger", "slap")]
    [InlineData("Voice", "Single")]
    public async Task Invalid_type_and_sub_type_pairs_are_refused(string type, string subType)
    {
        var result = await _h.Models.ApproveAsync(new DeviceModelDetail("M1", "DP1", type, subType, "MAKE", "MODEL"), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("deviceTypeCode/deviceSubTypeCode"), result.Error);
        Assert.Empty(await _h.Models.ListAsync(null, Ct));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("deviceProviderId")]
    [InlineData("make")]
    [InlineData("model")]
    public async Task A_field_longer_than_36_characters_is_refused(string field)
    {
        var tooLong = new string('X', 37);
        var detail = new DeviceModelDetail(
            field == "id" ? tooLong : "M1",
            field == "deviceProviderId" ? tooLong : "DP1",
            "Finger",
            "Slap",
            field == "make" ? tooLong : "MAKE",
            field == "model" ? tooLong : "MODEL");

        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format(field), (await _h.Models.ApproveAsync(detail, "alice", Ct)).Error);
    }

    [Fact]
    public async Task Exactly_36_characters_is_accepted()
    {
        var max = new string('X', 36);

        Assert.True((await _h.Models.ApproveAsync(new DeviceModelDetail(max, "DP1", "Finger", "Slap", max, max), "alice", Ct)).IsSuccess);
    }

    [Fact]
    public async Task A_model_needs_an_active_device_provider()
    {
        Assert.Equal(DeviceRepositoryErrors.ProviderNotFound, (await _h.Models.ApproveAsync(new DeviceModelDetail("M1", "NOBODY", "Finger", "Slap", "MAKE", "MODEL"), "alice", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.ProviderNotFound, (await _h.Models.ApproveAsync(new DeviceModelDetail("M1", "FTM1", "Finger", "Slap", "MAKE", "MODEL"), "alice", Ct)).Error);
    }

    [Fact]
    public async Task A_model_id_or_make_and_model_is_approved_once_per_provider()
    {
        Assert.True((await _h.Models.ApproveAsync(new DeviceModelDetail("M1", "DP1", "Finger", "Slap", "MAKE", "MODEL"), "alice", Ct)).IsSuccess);

        Assert.Equal(DeviceRepositoryErrors.ModelExists, (await _h.Models.ApproveAsync(new DeviceModelDetail("M1", "DP1", "Iris", "Double", "OTHER", "OTHER"), "alice", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.ModelExists, (await _h.Models.ApproveAsync(new DeviceModelDetail("M2", "DP1", "Finger", "Slap", "MAKE", "MODEL"), "alice", Ct)).Error);
    }

    [Fact]
    public async Task A_deactivated_model_stays_listed_as_inactive_and_deactivating_again_changes_nothing()
    {
        Assert.True((await _h.Models.ApproveAsync(new DeviceModelDetail("M1", "DP1", "Finger", "Slap", "MAKE", "MODEL"), "alice", Ct)).IsSuccess);
        _h.Db.Time.Advance(TimeSpan.FromHours(1));

        var deactivated = await _h.Models.DeactivateAsync("M1", "bob", Ct);
        var again = await _h.Models.DeactivateAsync("M1", "carol", Ct);

        Assert.Equal((false, "bob", RepositoryHarness.Start.AddHours(1)), (deactivated.Value.IsActive, deactivated.Value.UpdatedBy, deactivated.Value.UpdatedAt));
        Assert.Equal(deactivated.Value, again.Value);
        Assert.Single(_h.Audit.Events, e => e.Operation == "device.model.deactivate");
        Assert.Equal(DeviceRepositoryErrors.ModelNotFound, (await _h.Models.DeactivateAsync("M9", "bob", Ct)).Error);
    }
}
