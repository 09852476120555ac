namespace Connector.Benchmarks;

/// <summary>Files the benchmarks read, found from the benchmark's output folder upwards.</summary>
public static class BenchmarkPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string RealmFixtures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "realm"));

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RealmSqlServer.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("RealmSqlServer.sln not found above " + AppContext.BaseDirectory + " or the current directory");
    }
}
