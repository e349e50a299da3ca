return Kavach.DeviceAgent.Cli.AgentCommandLine.Run(args);
