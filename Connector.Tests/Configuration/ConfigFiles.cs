using System.Text.Json.Nodes;

namespace Connector.Tests.Configuration;

/// <summary>Configuration files for tests: the repository's connector.config.json, edited.</summary>
public static class ConfigFiles
{
    public const string Password = "S3cret!pw-never-shown";

    public const string UnreachableConnectionString =
        "Server=127.0.0.1,1;Database=RealmSyncTest;User ID=realm_sqlserver;Password=" + Password + ";Connect Timeout=2;ConnectRetryCount=0;Encrypt=false";

    public static string RepositoryFile => Path.Combine(RepositoryPaths.Root, "connector.config.json");

    public static JsonObject Repository() => JsonNode.Parse(File.ReadAllText(RepositoryFile))!.AsObject();

    /// <summary>Writes the repository's configuration, changed by <paramref name="edit"/>, into <paramref name="folder"/>.</summary>
    public static string Write(string folder, Action<JsonObject> edit)
    {
        var json = Repository();
        edit((JsonObject)json["RealmSqlServer"]!);
        var path = Path.Combine(folder, "connector.config.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>A valid configuration pointing at a server that does not answer, with a journal in the folder.</summary>
    public static string Unreachable(string folder)
    {
        var journal = Directory.CreateDirectory(Path.Combine(folder, "journal")).FullName;
        return Write(folder, c =>
        {
            c["SqlServer"]!["ConnectionString"] = UnreachableConnectionString;
            c["Realm"]!["JournalPath"] = journal;
        });
    }

    public static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();
}
