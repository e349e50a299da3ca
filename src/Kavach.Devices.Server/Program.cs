using Kavach.Devices.Server;
using Kavach.Hosting.Composition;

try
{
    var app = DeviceServer.Build(args);
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (KavachConfigurationException e)
{
    // One line naming the setting, no stack trace: the operator fixes the configuration and starts again.
    await Console.Error.WriteLineAsync($"kavach-devices: configuration error: {e.Message}");
    return 2;
}
