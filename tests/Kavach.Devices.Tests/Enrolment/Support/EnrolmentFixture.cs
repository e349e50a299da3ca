namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>
/// One <see cref="EnrolmentHarness"/> shared by a test class (its ROOT, device CA and server keys take seconds to make);
/// each test uses serials of its own, so tests compare only their own rows.
/// </summary>
public sealed class EnrolmentFixture : IAsyncLifetime
{
    private EnrolmentHarness? _harness;

    public EnrolmentHarness Harness => _harness ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _harness = await EnrolmentHarness.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
