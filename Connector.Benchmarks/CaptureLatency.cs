using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Connector.Adapter;
using Connector.Configuration;
using Connector.Postgres;
using Connector.RealmSchema;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Connector.Benchmarks;

/// <summary>
/// PostgreSQL to Realm latency with <c>run</c> (issue 11): single-row commits, one every few milliseconds, each timed
/// from its commit until its INSERT is in the outbound journal, with <c>run</c>'s host exactly as the CLI builds it
/// (capture following the replication stream, ship after each capture that wrote). The baseline in the same run is
/// the same host with the push switched off: a capture pass every <c>Scheduler:PollInterval</c> (1 s), as a plain
/// poller would. A latency distribution is not a BenchmarkDotNet measurement: run with
/// <c>dotnet run -c Release --project Connector.Benchmarks -- latency [commits]</c>.
/// </summary>
public static class CaptureLatency
{
    private const string Schema = """[{"name":"Item","primaryKey":"id","properties":{"id":"int","note":"string"}}]""";

    public static async Task<int> RunAsync(string[] args)
    {
        var commits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var server = BenchmarkPostgres.Start();
        try
        {
            Console.WriteLine($"// PostgreSQL: {server.Description}; {commits} single-row commits, one every 5 ms");
            foreach (var (push, path) in new[] { (true, "/latency-push"), (false, "/latency-poll") })
            {
                var latencies = await MeasureAsync(server.ConnectionString, path, push, commits);
                Array.Sort(latencies);
                double At(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(push ? "run, replication push" : "baseline, poll every 1 s"),-28} p50 {At(0.50),7:F1} ms  p90 {At(0.90),7:F1} ms  p99 {At(0.99),7:F1} ms  max {latencies[^1],7:F1} ms"));
            }

            return 0;
        }
        finally
        {
            server.Stop();
        }
    }

    private static async Task<double[]> MeasureAsync(string connectionString, string realmPath, bool push, int commits)
    {
        var sqlSchema = push ? "push" : "poll";
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var deploy = new NpgsqlCommand(PgBootstrap.Generate(RealmSchemaImporter.Import(Schema, "latency"), realmPath, sqlSchema, "latency").Script, connection);
            await deploy.ExecuteNonQueryAsync();
        }

        var folder = Directory.CreateTempSubdirectory("realmsync-latency-").FullName;
        var config = Path.Combine(folder, "connector.config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            RealmSqlServer = new
            {
                Database = new { Provider = "postgres" },
                Postgres = new { ConnectionString = connectionString },
                Realm = new { JournalPath = Path.Combine(folder, "journal"), RealmPaths = new[] { realmPath } },
                // push: the stream wakes capture, the interval is only the fallback; poll: a pass every second, nothing else
                Scheduler = new { PollInterval = push ? "00:01:00" : "00:00:01", ShipInterval = "00:00:01", InboundInterval = "00:01:00" },
            },
        }));
        Directory.CreateDirectory(Path.Combine(folder, "journal"));
        var options = ConnectorConfiguration.LoadOrThrow(config);
        using var host = push ? Cli.RunCommand.BuildHost(options) : PollingHost(options);
        await host.StartAsync();
        var committed = new Dictionary<long, long>();
        var arrived = new Dictionary<long, long>();
        var offsets = new Dictionary<string, long>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await Task.Delay(2000); // the first pass (the initial load of the empty table) is not measured
            for (var id = 1; id <= commits; id++)
            {
                await using var insert = new NpgsqlCommand($"INSERT INTO \"{sqlSchema}\".\"Item\" (id, note) VALUES ($1, 'x');", connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = (long)id });
                await insert.ExecuteNonQueryAsync();
                committed[id] = Stopwatch.GetTimestamp();
                await Task.Delay(5);
                Collect(folder, offsets, arrived);
            }
        }

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (arrived.Count < commits && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(2);
            Collect(folder, offsets, arrived);
        }

        await host.StopAsync();
        Directory.Delete(folder, recursive: true);
        if (arrived.Count < commits)
        {
            throw new InvalidOperationException($"{commits - arrived.Count} of {commits} commits never reached the outbound journal of {realmPath}");
        }

        return [.. committed.Select(c => Stopwatch.GetElapsedTime(c.Value, arrived[c.Key]).TotalMilliseconds)];
    }

    /// <summary>Records the arrival time of every Item INSERT in whole lines the outbound journal gained since the last look.</summary>
    private static void Collect(string folder, Dictionary<string, long> offsets, Dictionary<long, long> arrived)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "journal"), "*.jsonl", SearchOption.AllDirectories).Where(f => f.Contains("outbound", StringComparison.Ordinal)))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = offsets.GetValueOrDefault(file);
            var bytes = new byte[stream.Length - stream.Position];
            stream.ReadExactly(bytes);
            var whole = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            offsets[file] = stream.Position - bytes.Length + whole;
            foreach (var line in System.Text.Encoding.UTF8.GetString(bytes, 0, whole).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var insert in AdapterCodec.Decode(line).Instructions.OfType<InsertInstruction>())
                {
                    arrived.TryAdd(((IntValue)insert.Identity).Value, now);
                }
            }
        }
    }

    /// <summary>The baseline: run's host without the push, capture on the Quartz interval as SQL Server's poller runs.</summary>
    private static IHost PollingHost(ConnectorOptions options)
    {
        var builder = Scheduling.ConnectorHost.CreateBuilder(options);
        Scheduling.ConnectorSchedule.Add(builder.Services, options, pollJob: true);
        return builder.Build();
    }
}
