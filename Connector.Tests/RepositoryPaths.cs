namespace Connector.Tests;

/// <summary>Locations the tests read, found from the test assembly upwards (works from any working directory).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> beside the project root, as in CI; may be absent on a developer machine.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string RealmFixtures => Path.Combine(Shared, "fixtures", "realm");

    /// <summary>Marks the calling test ignored (reported as skipped) when the Realm fixtures are absent.</summary>
    public static string RequireRealmFixture(string name)
    {
        var path = Path.Combine(RealmFixtures, name);
        if (!File.Exists(path))
        {
            Assert.Ignore($"Realm fixture {path} is absent: ../shared/fixtures/realm is not beside the project root.");
        }

        return path;
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
