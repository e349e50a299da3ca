using Kavach.Bench.Vault;

return await VaultBenchmark.RunAsync(args);
