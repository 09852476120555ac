namespace Connector.Tests.Postgres;

/// <summary>
/// The machine's PostgreSQL server binaries (Debian's layout, <c>/usr/lib/postgresql/VERSION/bin</c>), run as a
/// user they accept: initdb and postgres refuse root, so as root every tool runs as the <c>postgres</c> OS user
/// through runuser.
/// </summary>
public sealed class PostgresBinaries
{
    public const string DebianRoot = "/usr/lib/postgresql";
    public const string ServiceUser = "postgres";

    private static readonly string[] RequiredTools = ["initdb", "pg_ctl", "postgres"];
    private static readonly string[] RunuserPaths = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"];

    private PostgresBinaries(string directory) => Directory = directory;

    /// <summary>The <c>bin</c> folder the tools come from.</summary>
    public string Directory { get; }

    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>
    /// The newest <c>ROOT/*/bin</c> holding initdb, pg_ctl and postgres, or null; <paramref name="lookedAt"/>
    /// names every folder considered, for the skip reason.
    /// </summary>
    public static PostgresBinaries? Find(out string lookedAt, string root = DebianRoot)
    {
        var candidates = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root).Select(version => Path.Combine(version, "bin"))
                .OrderByDescending(bin => VersionOf(bin)).ToList()
            : [];
        lookedAt = candidates.Count > 0 ? string.Join(", ", candidates)
            : System.IO.Directory.Exists(root) ? $"{root}/*/bin (no version folders in {root})"
            : $"{root}/*/bin (no such folder)";
        var found = candidates.FirstOrDefault(bin => RequiredTools.All(tool => File.Exists(Path.Combine(bin, tool))));
        return found is null ? null : new PostgresBinaries(found);
    }

    /// <summary>Runs a tool of this folder (as <see cref="ServiceUser"/> when root) and returns its exit code and output.</summary>
    public CommandResult Run(string tool, IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsServiceUser(Path.Combine(Directory, tool), arguments, timeout);

    /// <summary>Runs any program as a user PostgreSQL accepts: <see cref="ServiceUser"/> when root, else the current user.</summary>
    public static CommandResult RunAsServiceUser(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!RunningAsRoot)
        {
            return CommandResult.Run(program, arguments, timeout);
        }

        var runuser = RunuserPaths.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"Running as root, the PostgreSQL test fixture starts initdb and postgres as the '{ServiceUser}' user through " +
            $"runuser, which is not at {string.Join(" or ", RunuserPaths)}: install util-linux, or run the tests as another user.");
        return CommandResult.Run(runuser, ["-u", ServiceUser, "--", program, .. arguments], timeout);
    }

    /// <summary>Gives a folder this fixture created to <see cref="ServiceUser"/> when root, so the server may write in it.</summary>
    public static void HandOver(string folder)
    {
        if (RunningAsRoot)
        {
            CommandResult.Run("chown", ["-R", $"{ServiceUser}:", folder], TimeSpan.FromSeconds(30)).ThrowIfFailed(
                $"Running as root, the PostgreSQL test fixture gives its folder to the '{ServiceUser}' OS user (initdb refuses " +
                "root); create that user (Debian's postgresql package does) or run the tests as another user.");
        }
    }

    private static Version VersionOf(string bin)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(bin))!;
        return Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version)
            ? version
            : new Version(0, 0);
    }
}
