using Kavach.Hosting.Composition;
using Kavach.Server;

try
{
    var app = KavachServer.Build(args);
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (KavachConfigurationException e)
{
    // One line naming the setting, no stack trace: the operator fixes the configuration and starts again.
    await Console.Error.WriteLineAsync($"kavach: configuration error: {e.Message}");
    return 2;
}
