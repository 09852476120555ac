using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter (see README.md, Performance).
// `latency`: PostgreSQL to Realm latency with run (Connector.Benchmarks/CaptureLatency.cs), not a BenchmarkDotNet job.
if (args.Length > 0 && args[0] == "latency")
{
    return await Connector.Benchmarks.CaptureLatency.RunAsync(args);
}

// `partitioned`: many Realm paths in shared tables on PostgreSQL (Connector.Benchmarks/PartitionedThroughput.cs).
if (args.Length > 0 && args[0] == "partitioned")
{
    return await Connector.Benchmarks.PartitionedThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
