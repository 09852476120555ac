using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Connector.Benchmarks;

/// <summary>
/// The PostgreSQL server a benchmark measures: the one <c>REALMSYNC_BENCH_POSTGRES</c> names (a connection string
/// whose user may create databases), else a throwaway cluster of PostgreSQL's own binaries
/// (<c>/usr/lib/postgresql/VERSION/bin</c>) in a temp folder, on 127.0.0.1 and a free port. The cluster keeps
/// PostgreSQL's default settings (fsync, synchronous_commit, full_page_writes, shared_buffers...) apart from
/// listen_addresses, port and unix_socket_directories: a figure measured without durability would flatter every
/// commit. Either way the benchmark gets a database of its own, dropped by <see cref="Stop"/>.
/// </summary>
public sealed class BenchmarkPostgres
{
    public const string ServerVariable = "REALMSYNC_BENCH_POSTGRES";

    private const string ServiceUser = "postgres";
    private const string SuperUser = "realmsync_bench";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly string _adminConnectionString;
    private readonly string? _folder;
    private readonly string? _bin;

    private BenchmarkPostgres(string adminConnectionString, string? folder, string? bin)
    {
        _adminConnectionString = adminConnectionString;
        _folder = folder;
        _bin = bin;
        Database = "realmsync_bench_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Database }.ConnectionString;
    }

    public string Database { get; }

    /// <summary>The benchmark's own database.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server is, for the log: the variable, or the cluster's binaries.</summary>
    public string Description => _bin is null ? ServerVariable : $"throwaway cluster of {_bin} in {_folder}";

    public static BenchmarkPostgres Start()
    {
        var configured = Environment.GetEnvironmentVariable(ServerVariable);
        var server = string.IsNullOrWhiteSpace(configured) ? StartCluster() : new BenchmarkPostgres(configured, null, null);
        try
        {
            server.Admin($"CREATE DATABASE \"{server.Database}\"");
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>Drops the benchmark's database; a throwaway cluster is stopped and its folder deleted.</summary>
    public void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is null)
        {
            Admin($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
            return;
        }

        var data = Path.Combine(_folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            Tool("pg_ctl", ["stop", "-D", data, "-m", "fast", "-w", "-s"]);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static BenchmarkPostgres StartCluster()
    {
        var bin = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("realmsync-bench-").FullName;
        var port = FreePort();
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(), Port = port, Username = SuperUser, Database = "postgres",
        }.ConnectionString;
        var server = new BenchmarkPostgres(admin, folder, bin);
        try
        {
            var data = Path.Combine(folder, "data");
            if (RunningAsRoot)
            {
                Run("chown", ["-R", ServiceUser + ":", folder]);
            }

            // --no-sync: initdb's own final flush only; the server's settings are untouched.
            server.Tool("initdb", ["-D", data, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            File.AppendAllText(Path.Combine(data, "postgresql.conf"), $"""

                # realmsync benchmark: reachable by this process only, logical decoding for the capture latency; everything else PostgreSQL's defaults
                wal_level = logical
                listen_addresses = '127.0.0.1'
                port = {port.ToString(CultureInfo.InvariantCulture)}
                unix_socket_directories = '{folder}'

                """);
            server.Tool("pg_ctl", ["start", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-s"]);
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries under {root}/*/bin (initdb, pg_ctl): install postgresql, or set {ServerVariable} " +
            "to the connection string of a server whose user may create databases.");
    }

    // initdb and postgres refuse root: as root, the tools run as the postgres OS user.
    private void Tool(string tool, string[] arguments)
    {
        var program = Path.Combine(_bin!, tool);
        if (RunningAsRoot)
        {
            Run("runuser", ["-u", ServiceUser, "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(ToolTimeout) || process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed (exit {(process.HasExited ? process.ExitCode : -1)}):\n{output}{error.Result}");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
