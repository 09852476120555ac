using System.Text.Json;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>A connector.config.json for PostgreSQL: the provider, the connection string, a journal folder that exists.</summary>
internal static class PgTestConfig
{
    /// <param name="folder">Where the file and the journal go; a new temporary folder when null.</param>
    public static string Write(string connectionString, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("pg-config-").FullName;
        var journal = Path.Combine(folder, "journal");
        Directory.CreateDirectory(journal);
        var path = Path.Combine(folder, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            RealmSqlServer = new
            {
                Database = new { Provider = "postgres" },
                Postgres = new { ConnectionString = connectionString },
                Realm = new { JournalPath = journal },
            },
        }));
        return path;
    }
}
