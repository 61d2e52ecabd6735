return await DiligenceEngine.Bench.BenchCli.RunAsync(args);
