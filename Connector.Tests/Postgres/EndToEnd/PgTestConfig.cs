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

/// <summary>The samples' schema deployed by <c>bootstrap --provider postgres --apply</c> into a new database, with the samples' journal waiting as <c>/default</c>'s inbound segment.</summary>
internal static class PgSample
{
    public static readonly string Samples = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "samples");

    /// <returns>The database's connection string and the configuration file that names it and <paramref name="journal"/>.</returns>
    public static async Task<(string ConnectionString, string Config)> DeployAsync(Journal.JournalDirectory journal, string databaseName)
    {
        ArgumentNullException.ThrowIfNull(journal);
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync(databaseName);
        var config = PgTestConfig.Write(connectionString, journal.Root);
        var bootstrap = Cli.CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Path.Combine(Samples, "realm-schema.json"), "--out", Path.Combine(journal.Root, "out"), "--apply", "--config", config);
        Assert.That(bootstrap.ExitCode, Is.EqualTo(0), bootstrap.Error + bootstrap.Output);
        File.Copy(Path.Combine(Samples, "instructions.jsonl"), Path.Combine(journal.Inbound("/default"), "00000000000000000001.jsonl"));
        return (connectionString, config);
    }

}
