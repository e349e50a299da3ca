return await Kavach.DeviceAgent.Cli.AgentCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
