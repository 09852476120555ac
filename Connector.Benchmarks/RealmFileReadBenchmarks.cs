using BenchmarkDotNet.Attributes;
using Connector.RealmFile;

namespace Connector.Benchmarks;

/// <summary>
/// Opens a fixture and reads every object of every class (the initial-load path of <c>inspect</c>).
/// Objects/s = objects per file / Mean; bytes/s = file size / Mean (both printed at setup).
/// </summary>
[MemoryDiagnoser]
public class RealmFileReadBenchmarks
{
    private string path = string.Empty;

    [Params("core-upgrade-23.realm", "dotnet-v6db-22.realm")]
    public string Fixture { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(FindRoot(), "..", "shared", "fixtures", "realm", Fixture);
        var objects = ReadAll();
        Console.WriteLine($"// {Fixture}: {objects} objects, {new FileInfo(path).Length} bytes");
    }

    [Benchmark]
    public long ReadAll()
    {
        using var reader = RealmFileReader.Open(path, new RealmFileReaderOptions { IncludeBookkeepingTables = true });
        long objects = 0;
        foreach (var realmClass in reader.Schema.Classes)
        {
            foreach (var _ in reader.ReadObjects(realmClass.Name))
            {
                objects++;
            }
        }

        return objects;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RealmSqlServer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RealmSqlServer.sln not found above " + AppContext.BaseDirectory);
    }
}
