// Most test classes share one device server (SharedAgentServer), and several drive the one software TPM from two processes (the agent
// and pkcs11-tool): run them one at a time, as a device host runs one agent.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
