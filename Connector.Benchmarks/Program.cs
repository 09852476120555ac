using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter (see README.md, Performance).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
