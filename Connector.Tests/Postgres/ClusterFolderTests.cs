using System.Diagnostics;

namespace Connector.Tests.Postgres;

/// <summary>The leak guard: clusters left by a dead test run are stopped and removed; a live run's are kept.</summary>
public sealed class ClusterFolderTests
{
    private string _tempRoot = null!;
    private ThrowawayCluster? _cluster;

    [SetUp]
    public void CreateTempRoot()
    {
        // Not named like a cluster folder, so a parallel run's sweep of the real temp folder leaves it alone.
        _tempRoot = Directory.CreateTempSubdirectory("realmsync-fixture-test-").FullName;
        // As root the server runs as the postgres user, who must be able to reach the clusters inside.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tempRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    [TearDown]
    public void DeleteTempRoot()
    {
        _cluster?.Stop(); // when a test failed before the sweep
        Directory.Delete(_tempRoot, recursive: true);
    }

    [Test]
    public void The_running_cluster_of_a_dead_test_run_is_stopped_and_removed()
    {
        var binaries = PostgresBinaries.Find(out var lookedAt)
            ?? throw new IgnoreException($"No PostgreSQL binaries to start a cluster with (looked at {lookedAt}).");
        var cluster = _cluster = ThrowawayCluster.Start(binaries, _tempRoot);
        using var postmaster = Process.GetProcessById(PostmasterPid(cluster));
        var (deadPid, deadStart) = ExitedProcess();
        ClusterFolder.WriteOwner(cluster.Folder, deadPid, deadStart);

        var report = ClusterFolder.RemoveStale(_tempRoot, binaries);

        Assert.That(report, Is.EqualTo(new[] { $"removed the stale test cluster {cluster.Folder}" }));
        Assert.That(Directory.Exists(cluster.Folder), Is.False);
        Assert.That(postmaster.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "the postmaster still runs");
    }

    [Test]
    public void A_folder_whose_owner_is_gone_is_removed_without_binaries()
    {
        var folder = ClusterFolder.Create(_tempRoot);
        var (deadPid, deadStart) = ExitedProcess();
        ClusterFolder.WriteOwner(folder, deadPid, deadStart);

        Assert.That(ClusterFolder.RemoveStale(_tempRoot, binaries: null), Has.Count.EqualTo(1));
        Assert.That(Directory.Exists(folder), Is.False);
    }

    [Test]
    public void The_folder_of_a_live_run_is_kept()
    {
        var folder = ClusterFolder.Create(_tempRoot);

        Assert.That(ClusterFolder.RemoveStale(_tempRoot, binaries: null), Is.Empty);
        Assert.That(Directory.Exists(folder), Is.True);
    }

    [Test]
    public void A_live_pid_with_another_start_time_is_a_reused_pid_and_its_folder_is_removed()
    {
        var folder = ClusterFolder.Create(_tempRoot);
        ClusterFolder.WriteOwner(folder, Environment.ProcessId, DateTime.UtcNow.AddDays(-1));

        Assert.That(ClusterFolder.RemoveStale(_tempRoot, binaries: null), Has.Count.EqualTo(1));
        Assert.That(Directory.Exists(folder), Is.False);
    }

    [Test]
    public void A_fresh_folder_without_an_owner_file_is_kept_as_one_being_created()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_tempRoot, ClusterFolder.NamePrefix + "creating")).FullName;

        Assert.That(ClusterFolder.RemoveStale(_tempRoot, binaries: null), Is.Empty);
        Assert.That(Directory.Exists(folder), Is.True);
    }

    private static int PostmasterPid(ThrowawayCluster cluster) =>
        int.Parse(File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    private static (int Pid, DateTime StartTime) ExitedProcess()
    {
        using var process = Process.Start("sleep", "60");
        var identity = (process.Id, process.StartTime);
        process.Kill();
        process.WaitForExit();
        return identity;
    }
}
