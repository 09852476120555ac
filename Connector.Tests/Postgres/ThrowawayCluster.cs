using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Connector.Tests.Postgres;

/// <summary>
/// A PostgreSQL cluster of the test run's own: initdb into a fresh <see cref="ClusterFolder"/>, trust on 127.0.0.1 and
/// the folder's own socket only, a free port, <c>wal_level=logical</c> for the Database-to-Realm direction, and no
/// durability (fsync and friends off: the data lives as long as the run). <see cref="Stop"/> removes it all.
/// </summary>
public sealed class ThrowawayCluster
{
    public const string DataFolderName = "data";
    public const string SuperUser = "realmsync_test";

    private const int StartAttempts = 3;
    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PgCtlTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgresBinaries _binaries;
    private int _stopped;

    private ThrowawayCluster(PostgresBinaries binaries, string folder)
    {
        _binaries = binaries;
        Folder = folder;
    }

    public string Folder { get; }

    public int Port { get; private set; }

    public string DataDirectory => Path.Combine(Folder, DataFolderName);

    public string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>The superuser on the <c>postgres</c> database, over TCP to 127.0.0.1.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = SuperUser,
        Database = "postgres",
    }.ConnectionString;

    /// <summary>Creates, configures and starts a cluster under <paramref name="tempRoot"/>; on failure leaves nothing behind.</summary>
    public static ThrowawayCluster Start(PostgresBinaries binaries, string tempRoot)
    {
        var cluster = new ThrowawayCluster(binaries, ClusterFolder.Create(tempRoot));
        try
        {
            PostgresBinaries.HandOver(cluster.Folder);
            cluster.InitDb();
            cluster.Configure();
            cluster.StartOnFreePort();
            return cluster;
        }
        catch
        {
            try
            {
                cluster.Stop();
            }
            catch (IOException)
            {
                // The error that stopped the start matters more; the next run removes what is left.
            }

            throw;
        }
    }

    /// <summary>Stops the server at once (no checkpoint: nothing here is kept) and deletes the folder; safe to call twice.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            StopPostmaster(_binaries, DataDirectory);
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Stops the postmaster of <paramref name="dataDirectory"/>, if one runs: <c>pg_ctl stop -m immediate</c>, else
    /// (no binaries, or pg_ctl failed) a kill of the postgres process its postmaster.pid names.
    /// </summary>
    public static void StopPostmaster(PostgresBinaries? binaries, string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var stop = binaries?.Run("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30", "-s"], PgCtlTimeout);
        if (stop is { ExitCode: 0 } || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        try
        {
            using var postmaster = Process.GetProcessById(pid);
            if (postmaster.ProcessName == "postgres")
            {
                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (ArgumentException)
        {
            // Already gone: postmaster.pid outlived its process.
        }
    }

    /// <summary>The last lines of the server log, for error messages.</summary>
    public string LogTail(int lines = 30) => File.Exists(LogFile)
        ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines))
        : $"(no server log at {LogFile})";

    private void InitDb()
    {
        var result = _binaries.Run(
            "initdb",
            ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            InitDbTimeout);
        var rootHint = PostgresBinaries.RunningAsRoot
            ? $" As root it runs as the '{PostgresBinaries.ServiceUser}' user, who must be able to reach {Folder}: " +
              "point TMPDIR at a folder every user can traverse, such as /tmp."
            : "";
        result.ThrowIfFailed($"initdb could not create the PostgreSQL test cluster in {DataDirectory}.{rootHint}");
    }

    // Files written into the server's own folder keep their owner (the service user when root): they are
    // rewritten in place, not replaced.
    private void Configure()
    {
        File.WriteAllText(Path.Combine(DataDirectory, "pg_hba.conf"), """
            # realmsync test fixture: the folder's own socket and 127.0.0.1, nothing else.
            local all         all               trust
            host  all         all  127.0.0.1/32 trust
            host  replication all  127.0.0.1/32 trust

            """);
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # realmsync test fixture
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{Folder.Replace("'", "''", StringComparison.Ordinal)}'
            wal_level = logical
            # every sync and run of a test captures: a slot per mapped path until its database is dropped
            max_replication_slots = 200
            max_wal_senders = 40
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """);
    }

    // A port free a moment ago can be taken before the server binds it; then another one is tried.
    private void StartOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = _binaries.Run(
                "pg_ctl",
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-s", "-o", $"-p {Port}"],
                PgCtlTimeout);
            if (start.ExitCode == 0)
            {
                return;
            }

            var log = LogTail();
            if (attempt < StartAttempts && log.Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException(
                $"The PostgreSQL test cluster in {DataDirectory} did not start on 127.0.0.1:{Port}.\n" +
                $"{start.CommandLine} exited with {start.ExitCode}: {start.Output}\nServer log ({LogFile}), last lines:\n{log}");
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
