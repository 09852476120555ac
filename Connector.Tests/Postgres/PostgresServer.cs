using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Connector.Tests.Postgres;

/// <summary>
/// One PostgreSQL per test run for the tests of this namespace: the server named by REALMSYNC_TEST_POSTGRES, else a
/// <see cref="ThrowawayCluster"/> from the machine's binaries, removed after the last test. Without either, every
/// test that calls <see cref="Require"/> is reported SKIPPED with the reason; binaries that are there but fail to
/// start a cluster, or a configured server that does not answer, FAIL those tests with the log. A test host that
/// dies before the teardown (killed, crashed, SIGTERM: no exit handler runs then) leaves its cluster to the next
/// run, which stops and removes it (<see cref="ClusterFolder.RemoveStale"/>).
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    public const string EnvironmentVariable = "REALMSYNC_TEST_POSTGRES";
    private const int MaxIdentifierBytes = 63;

    private static readonly ConcurrentQueue<string> CreatedDatabases = new();
    private static ThrowawayCluster? _cluster;
    private static string? _adminConnectionString;
    private static string? _failure;
    private static string? _skipReason;
    private static int _databaseCount;

    /// <summary>A connection string to the server's <c>postgres</c> database as a role that may CREATE DATABASE.</summary>
    public static string AdminConnectionString => _adminConnectionString
        ?? throw new InvalidOperationException("No PostgreSQL server: call PostgresServer.Require() first.");

    /// <summary>What <c>SHOW server_version</c> says.</summary>
    public static string ServerVersion { get; private set; } = "";

    /// <summary>Where the server comes from: the throwaway cluster's address and binaries, or the environment variable.</summary>
    public static string Source { get; private set; } = "";

    /// <summary>True when the server is this run's own cluster (its settings are ours to assert).</summary>
    public static bool IsThrowaway => _cluster is not null;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            if (!StartServer())
            {
                TestContext.Progress.WriteLine(_skipReason);
                return;
            }

            await using var connection = await OpenAsync(_adminConnectionString!, CancellationToken.None);
            await using var version = new NpgsqlCommand("SHOW server_version", connection);
            ServerVersion = (string)(await version.ExecuteScalarAsync())!;
            TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL {ServerVersion}: {Source} ({Redacted(_adminConnectionString!)}), ready in {watch.Elapsed.TotalSeconds:F1} s"));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or NpgsqlException or ArgumentException)
        {
            _failure = $"PostgreSQL for the tests is not usable ({Describe()}): {e.Message}" +
                (e.InnerException is null ? "" : $" ({e.InnerException.Message})");
            _adminConnectionString = null;
            TestContext.Progress.WriteLine(_failure);
            StopCluster();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // The throwaway cluster's databases go with its folder; on a server of someone else's, ours are dropped.
        if (_cluster is null && _adminConnectionString is not null)
        {
            await DropCreatedDatabasesAsync();
        }

        NpgsqlConnection.ClearAllPools();
        StopCluster();
    }

    /// <summary>Returns when there is a server; otherwise ignores the calling test with the reason, or fails it with the error.</summary>
    public static void Require()
    {
        if (_skipReason is null && _failure is null && _adminConnectionString is null)
        {
            Assert.Fail($"The PostgreSQL fixture has not run: {nameof(PostgresServer)} sets up the tests of namespace " +
                $"{typeof(PostgresServer).Namespace} and below only; move the test there.");
        }

        if (_failure is not null)
        {
            Assert.Fail(_failure);
        }

        if (_adminConnectionString is null)
        {
            Assert.Ignore(_skipReason!);
        }
    }

    /// <summary>
    /// Creates a fresh UTF8 database named from <paramref name="prefix"/> (see <see cref="DatabaseName"/>) and returns
    /// a connection string to it. The caller needs no cleanup: the run's teardown removes it.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        Require();
        var name = DatabaseName(prefix, Interlocked.Increment(ref _databaseCount));
        await ExecuteAsync(
            $"CREATE DATABASE {Quote(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
            cancellationToken);
        CreatedDatabases.Enqueue(name);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// A database name unique to this call: the prefix in lowercase with anything but letters, digits and
    /// underscores made underscores, cut so that with <c>_NUMBER_RANDOM</c> it fits PostgreSQL's 63 bytes.
    /// </summary>
    public static string DatabaseName(string prefix, int number)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"_{number}_{Guid.NewGuid().ToString("N")[..8]}");
        var clean = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            clean.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '_');
        }

        if (clean.Length == 0 || char.IsAsciiDigit(clean[0]))
        {
            clean.Insert(0, "db_");
        }

        return clean.ToString()[..Math.Min(clean.Length, MaxIdentifierBytes - suffix.Length)] + suffix;
    }

    /// <summary>A connection string fit to print: the same without its password.</summary>
    public static string Redacted(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Remove("Password");
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(not a valid Npgsql connection string)"; // it may hold a password in a place the parser missed
        }
    }

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns, on a connection of its own.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs <paramref name="statements"/> in order, on a connection of its own.</summary>
    public static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await OpenAsync(connectionString, CancellationToken.None);
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Sets up the server; false (with <see cref="_skipReason"/> set) when there is none to set up.</summary>
    private static bool StartServer()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Source = EnvironmentVariable;
            _adminConnectionString = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
            return true;
        }

        var binaries = PostgresBinaries.Find(out var lookedAt);
        if (binaries is null)
        {
            _skipReason = $"SKIPPED: no PostgreSQL: {EnvironmentVariable} is not set and no folder holds initdb, pg_ctl and " +
                $"postgres (looked at {lookedAt}). Install Debian's postgresql package (apt-get install postgresql), or set " +
                $"{EnvironmentVariable} to an Npgsql connection string whose role may CREATE DATABASE.";
            return false;
        }

        Source = $"throwaway cluster from {binaries.Directory}";
        foreach (var line in ClusterFolder.RemoveStale(Path.GetTempPath(), binaries))
        {
            TestContext.Progress.WriteLine(line);
        }

        _cluster = ThrowawayCluster.Start(binaries, Path.GetTempPath());
        Source = $"throwaway cluster at 127.0.0.1:{_cluster.Port} from {binaries.Directory}";
        _adminConnectionString = _cluster.AdminConnectionString;
        return true;
    }

    private static string Describe() => Source == EnvironmentVariable
        ? $"{EnvironmentVariable} = {Redacted(Environment.GetEnvironmentVariable(EnvironmentVariable)!)}: check that server, or unset " +
          "the variable to test on a throwaway cluster"
        : Source;

    private static string Literal(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task DropCreatedDatabasesAsync()
    {
        while (CreatedDatabases.TryDequeue(out var name))
        {
            // A logical replication slot (change capture tests) holds WAL on the server and blocks DROP DATABASE, FORCE or not.
            await ExecuteAsync(
                $"SELECT pg_catalog.pg_drop_replication_slot(s.slot_name) FROM pg_catalog.pg_replication_slots AS s WHERE s.database = {Literal(name)}",
                CancellationToken.None);
            await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(AdminConnectionString, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => new NpgsqlCommandBuilder().QuoteIdentifier(identifier);

    private static void StopCluster()
    {
        try
        {
            _cluster?.Stop();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            TestContext.Progress.WriteLine($"The PostgreSQL test cluster in {_cluster!.Folder} was not fully removed " +
                $"(the next run removes it): {e.Message}");
        }
    }
}
