using Kavach.Cli;

return await KavachCli.RunAsync(args, CliConsole.System);
