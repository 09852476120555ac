using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;

namespace Connector.Benchmarks;

/// <summary>
/// bootstrap's work for a 60-class schema (samples/sixty-classes.json): import, map + DacFx model build +
/// validation, and everything (dacpac and deploy.sql included). "Cold" is the first call in a fresh
/// process (DacFx's own start-up included), "Warm" the steady state.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 3, warmupCount: 0, iterationCount: 1, id: "Cold")]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 6, id: "Warm")]
public class SchemaGenerationBenchmarks
{
    private string _json = string.Empty;
    private RealmSchemaModel _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = File.ReadAllText(Path.Combine(BenchmarkPaths.Samples, "sixty-classes.json"));
        _schema = RealmSchemaImporter.Import(_json, "sixty-classes.json");
    }

    [Benchmark]
    public RealmSchemaModel Import() => RealmSchemaImporter.Import(_json, "sixty-classes.json");

    [Benchmark]
    public int ModelBuildAndValidate()
    {
        using var model = SqlModelBuilder.Build(SchemaMapper.Map(_schema, "/bench", "dbo"));
        return model.GetHashCode();
    }

    [Benchmark]
    public int Everything() =>
        SchemaArtifactGenerator.Generate(RealmSchemaImporter.Import(_json, "sixty-classes.json"), "/bench", "dbo", "sixty-classes.json").DeployScript.Length;
}
