using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Connector.Configuration;
using Connector.Postgres;
using Connector.RealmSchema;
using Connector.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connector.Benchmarks;

/// <summary>
/// Many Realms in shared tables on PostgreSQL (issue 12): <c>paths</c> Realm paths matching one partitioned mapping's
/// pattern, <c>transactions</c> inbound transactions each (an INSERT and a SET), applied by <c>run</c>'s inbound pass as the
/// CLI builds it: each path registered by its first transaction. Reports paths/s and instructions/s, then an idle pass
/// (nothing new anywhere: what thousands of quiet paths cost). The baseline in the same run: the same number of
/// transactions of one path mapped on its own, through the same pass. A throughput over minutes is not a
/// BenchmarkDotNet measurement: <c>dotnet run -c Release --project Connector.Benchmarks -- partitioned [paths] [transactions]</c>.
/// </summary>
public static class PartitionedThroughput
{
    private const string Schema = """[{"name":"Item","primaryKey":"id","properties":{"id":"int","note":"string"}}]""";

    public static async Task<int> RunAsync(string[] args)
    {
        var paths = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var transactions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var server = BenchmarkPostgres.Start();
        try
        {
            Console.WriteLine($"// PostgreSQL: {server.Description}; {paths} Realm paths x {transactions} transactions (INSERT + SET each)");
            var partitioned = await MeasureAsync(server.ConnectionString, paths, transactions, partitioned: true);
            Console.WriteLine(partitioned);
            var single = await MeasureAsync(server.ConnectionString, 1, paths * transactions, partitioned: false);
            Console.WriteLine(single);
            return 0;
        }
        finally
        {
            server.Stop();
        }
    }

    private static async Task<string> MeasureAsync(string connectionString, int paths, int transactions, bool partitioned)
    {
        var sqlSchema = partitioned ? "partitioned" : "single";
        var schema = RealmSchemaImporter.Import(Schema, "partitioned benchmark");
        var script = partitioned
            ? PgBootstrap.Generate(schema, "ignored", sqlSchema, "benchmark", "^/u[0-9]+/private$").Script
            : PgBootstrap.Generate(schema, "/single", sqlSchema, "benchmark").Script;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var deploy = new NpgsqlCommand(script, connection) { CommandTimeout = 0 };
            await deploy.ExecuteNonQueryAsync();
        }

        var folder = Directory.CreateTempSubdirectory("realmsync-partitioned-").FullName;
        try
        {
            var journal = new Journal.JournalPaths(Path.Combine(folder, "journal"));
            var realmPaths = partitioned ? Enumerable.Range(1, paths).Select(i => string.Create(CultureInfo.InvariantCulture, $"/u{i}/private")).ToList() : ["/single"];
            foreach (var path in realmPaths)
            {
                WriteJournal(journal, path, transactions);
            }

            var options = Options(connectionString, folder);
            var builder = ConnectorHost.CreateBuilder(options);
            builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning); // not a line per registered path
            using var host = builder.Build();
            var pass = host.Services.GetRequiredService<IInboundPass>();
            var watch = Stopwatch.StartNew();
            var result = await pass.RunAsync(CancellationToken.None);
            var busy = watch.Elapsed;
            if (result.Transactions != paths * transactions)
            {
                throw new InvalidOperationException($"{result.Transactions} of {paths * transactions} transactions applied; warnings: {string.Join("; ", result.Warnings.Take(3))}");
            }

            watch.Restart();
            var idle = await pass.RunAsync(CancellationToken.None);
            var quiet = watch.Elapsed;
            var instructions = 2L * paths * transactions;
            return string.Create(CultureInfo.InvariantCulture,
                $"{(partitioned ? $"partitioned, {paths} paths" : "baseline, one path on its own"),-32} {busy.TotalSeconds,7:F1} s  {paths / busy.TotalSeconds,8:F1} paths/s  " +
                $"{paths * transactions / busy.TotalSeconds,8:F0} txn/s  {instructions / busy.TotalSeconds,8:F0} instructions/s; idle pass over {paths} path(s): {quiet.TotalMilliseconds:F0} ms ({idle.Transactions} applied)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WriteJournal(Journal.JournalPaths journal, string path, int transactions)
    {
        var inbound = journal.InboundDirectory(path);
        Directory.CreateDirectory(inbound);
        var text = new StringBuilder();
        var quoted = JsonSerializer.Serialize(path);
        for (var version = 1; version <= transactions; version++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $$$"""{"realm_path":{{{quoted}}},"version":{{{version}}},"instructions":[{"type":"INSERT","object_type":"Item","identity":{{{version}}},"values":{"id":{{{version}}},"note":"new"}},{"type":"SET","object_type":"Item","identity":{{{version}}},"values":{"note":"set"}}]}""")
                .Append('\n');
        }

        File.WriteAllText(Path.Combine(inbound, "00000000000000000001.jsonl"), text.ToString());
    }

    private static ConnectorOptions Options(string connectionString, string folder)
    {
        var config = Path.Combine(folder, "connector.config.json");
        Directory.CreateDirectory(Path.Combine(folder, "journal"));
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            RealmSqlServer = new
            {
                Database = new { Provider = "postgres" },
                Postgres = new { ConnectionString = connectionString },
                Realm = new { JournalPath = Path.Combine(folder, "journal") },
            },
        }));
        return ConnectorConfiguration.LoadOrThrow(config);
    }
}
