namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>Waits for a condition another process brings about (polling, with a deadline; never a fixed sleep as the assertion).</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null, Func<string>? context = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen in time; last value: {value}{(context is null ? string.Empty : "\n" + context())}");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(500));
        }
    }
}
