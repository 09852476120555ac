using System.Diagnostics;
using System.Globalization;

namespace Connector.Tests.Postgres;

/// <summary>
/// The temporary folders of throwaway clusters: <c>TEMP/realmsync-pg-RANDOM</c>, each with an <c>owner</c> file naming
/// the test process (pid and start time) that made it. A test process that dies without its teardown leaves a
/// running postmaster and its folder behind; the next run finds them by name, sees the owner gone and removes them,
/// while the clusters of runs still alive (other worktrees, parallel runs) are left alone.
/// </summary>
public static class ClusterFolder
{
    public const string NamePrefix = "realmsync-pg-";
    public const string OwnerFileName = "owner";

    // A folder without an owner file may be one another run is creating this very moment.
    private static readonly TimeSpan OwnerlessGrace = TimeSpan.FromMinutes(10);

    // Process start times read back from /proc are rounded to clock ticks.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

    /// <summary>Creates a fresh folder under <paramref name="tempRoot"/>, owned by this process.</summary>
    public static string Create(string tempRoot)
    {
        var folder = Path.Combine(tempRoot, NamePrefix + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var self = Process.GetCurrentProcess();
        WriteOwner(folder, self.Id, self.StartTime);
        return folder;
    }

    /// <summary>Names <paramref name="pid"/>, started at <paramref name="startTime"/>, as the folder's owner.</summary>
    public static void WriteOwner(string folder, int pid, DateTime startTime) =>
        File.WriteAllText(Path.Combine(folder, OwnerFileName), string.Create(
            CultureInfo.InvariantCulture, $"{pid}\n{startTime.ToUniversalTime():O}\n"));

    /// <summary>
    /// Stops the postmaster of every folder under <paramref name="tempRoot"/> whose owner is gone, deletes the
    /// folder, and returns one line per folder removed or that could not be.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(string tempRoot, PostgresBinaries? binaries)
    {
        var report = new List<string>();
        foreach (var folder in Directory.GetDirectories(tempRoot, NamePrefix + "*"))
        {
            if (OwnerIsAlive(folder))
            {
                continue;
            }

            try
            {
                ThrowawayCluster.StopPostmaster(binaries, Path.Combine(folder, ThrowawayCluster.DataFolderName));
                Directory.Delete(folder, recursive: true);
                report.Add($"removed the stale test cluster {folder}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                report.Add($"could not remove the stale test cluster {folder}: {e.Message}");
            }
        }

        return report;
    }

    private static bool OwnerIsAlive(string folder)
    {
        var ownerFile = Path.Combine(folder, OwnerFileName);
        string[] owner;
        try
        {
            owner = File.ReadAllLines(ownerFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) < OwnerlessGrace;
        }

        return owner.Length >= 2
            && int.TryParse(owner[0], CultureInfo.InvariantCulture, out var pid)
            && DateTime.TryParse(owner[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
            && IsRunning(pid, started);
    }

    private static bool IsRunning(int pid, DateTime startedUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return (process.StartTime.ToUniversalTime() - startedUtc).Duration() < StartTimeTolerance;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // no such process, or it exited while we looked
        }
    }
}
