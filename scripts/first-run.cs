// RealmSqlServer: the DBA's first run (README.md, "Tests"). Runs the whole integration tier against a real
// SQL Server and prints a short report: the server's version, what passed, what failed and why, what was skipped.
//
//   REALMSYNC_TEST_SQLSERVER="Server=...;Database=master;User ID=...;Password=...;TrustServerCertificate=true" \
//     dotnet run scripts/first-run.cs
//
// Without REALMSYNC_TEST_SQLSERVER, the tests start a SQL Server 2022 container through Docker (Testcontainers).
// The login needs sysadmin: each test creates and drops a database, and the least-privilege tests a login.
// Exit code: 0 every test passed, 1 a test failed, 2 no server and no Docker, 3 the tests ran but were all skipped.
// `dotnet run scripts/first-run.cs -- --report FILE.trx` prints the report of an earlier run.
using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

const string ServerVariable = "REALMSYNC_TEST_SQLSERVER";
var root = RepositoryRoot();
if (args is ["--report", var earlier])
{
    return FirstRunReport.Print(earlier, source: null);
}

var source = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 }
    ? $"the server named by {ServerVariable}"
    : DockerAnswers() ? "a Testcontainers SQL Server (mcr.microsoft.com/mssql/server:2022-latest)" : null;
if (source is null)
{
    Console.Error.WriteLine($"error: no SQL Server to test against: set {ServerVariable} to a connection string of a sysadmin login " +
        "(Database=master), or run this on a machine with a Docker engine (`docker info` must answer).");
    return 2;
}

var results = Path.Combine(root, "out", "first-run");
Directory.CreateDirectory(results);
var trx = Path.Combine(results, "first-run.trx");
var log = Path.Combine(results, "test.log");
File.Delete(trx);
Console.WriteLine($"Running the integration tier against {source}; this takes a few minutes. Log: {log}");
var exit = await RunTestsAsync(root, results, log);
if (!File.Exists(trx))
{
    Console.Error.WriteLine($"error: the tests did not run (dotnet test exited {exit}, no results file); the end of {log}:");
    foreach (var line in File.ReadLines(log).TakeLast(20))
    {
        Console.Error.WriteLine("  " + line);
    }

    return 1;
}

return FirstRunReport.Print(trx, source);

static async Task<int> RunTestsAsync(string root, string results, string log)
{
    var start = new ProcessStartInfo("dotnet")
    {
        WorkingDirectory = root,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    foreach (var argument in new[]
    {
        "test", "RealmSqlServer.sln", "--filter", "Category=Integration",
        "--logger", "trx;LogFileName=first-run.trx", "--results-directory", results,
    })
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    await using var writer = new StreamWriter(log);
    var output = Copy(process.StandardOutput, writer);
    var error = Copy(process.StandardError, writer);
    await Task.WhenAll(output, error, process.WaitForExitAsync());
    return process.ExitCode;
}

static async Task Copy(StreamReader from, StreamWriter to)
{
    while (await from.ReadLineAsync() is { } line)
    {
        lock (to)
        {
            to.WriteLine(line);
        }
    }
}

static bool DockerAnswers()
{
    try
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        docker.StandardOutput.ReadToEnd();
        docker.StandardError.ReadToEnd();
        return docker.WaitForExit(30_000) && docker.ExitCode == 0;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return false;
    }
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "RealmSqlServer.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("run this from the RealmSqlServer repository (RealmSqlServer.sln not found above the current folder)");
}

/// <summary>The report, read from the test run's .trx (Visual Studio test results, which `dotnet test` writes).</summary>
internal static class FirstRunReport
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The line the version test writes to its output (ServerVersionTests).</summary>
    private const string VersionPrefix = "SQL Server version: ";

    public static int Print(string trxPath, string? source)
    {
        var run = XDocument.Load(trxPath).Root!;
        var classes = run.Descendants(Ns + "UnitTest").ToDictionary(
            t => (string)t.Attribute("id")!,
            t => ((string?)t.Element(Ns + "TestMethod")?.Attribute("className") ?? "").Split('.')[^1]);
        var tests = run.Descendants(Ns + "UnitTestResult").Select(r => new
        {
            Name = classes.GetValueOrDefault((string)r.Attribute("testId")!, "") + "." + (string)r.Attribute("testName")!,
            Outcome = (string)r.Attribute("outcome")!,
            Message = FirstLine((string?)r.Descendants(Ns + "Message").FirstOrDefault() ?? (string?)r.Descendants(Ns + "StdOut").FirstOrDefault() ?? ""),
            Output = (string?)r.Descendants(Ns + "StdOut").FirstOrDefault() ?? "",
        }).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var passed = tests.Count(t => t.Outcome == "Passed");
        var failed = tests.Where(t => t.Outcome is "Failed" or "Error" or "Timeout" or "Aborted").ToList();
        var skipped = tests.Where(t => t.Outcome is "NotExecuted" or "Inconclusive").ToList();
        var version = tests.SelectMany(t => t.Output.Split('\n')).Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith(VersionPrefix, StringComparison.Ordinal))?[VersionPrefix.Length..];
        var times = run.Element(Ns + "Times");
        var took = times is null ? "" : ", in " + Duration(DateTime.Parse((string)times.Attribute("finish")!, CultureInfo.InvariantCulture) -
            DateTime.Parse((string)times.Attribute("start")!, CultureInfo.InvariantCulture));

        Console.WriteLine("RealmSqlServer: integration tier (first run)");
        Console.WriteLine($"  server:  {version ?? "not reached (see below)"}");
        if (source is not null)
        {
            Console.WriteLine($"  source:  {source}");
        }

        Console.WriteLine($"  result:  {passed} passed, {failed.Count} failed, {skipped.Count} skipped, of {tests.Count}{took}");
        Section("failed", Grouped(failed.Select(t => (t.Name, t.Message))));
        Section("skipped", Grouped(skipped.Select(t => (t.Name, t.Message))));
        Console.WriteLine($"  details: {trxPath}");
        if (failed.Count > 0)
        {
            Console.WriteLine("  Please send this report and the .trx file with your issue: each failure names the SQL error it met.");
        }

        return failed.Count > 0 ? 1 : passed == 0 ? 3 : 0;
    }

    private static void Section(string title, IEnumerable<(string Name, string Message)> lines)
    {
        var all = lines.ToList();
        if (all.Count == 0)
        {
            return;
        }

        Console.WriteLine($"  {title}:");
        foreach (var (name, message) in all)
        {
            Console.WriteLine($"    {name}: {message}");
        }
    }

    /// <summary>
    /// Tests that failed (or were skipped) for the same reason, said once: an unreachable server or a missing Docker
    /// engine fails every test with one message, and a report of 30 identical lines hides the one that differs.
    /// </summary>
    private static IEnumerable<(string Name, string Message)> Grouped(IEnumerable<(string Name, string Message)> tests) =>
        tests.GroupBy(t => t.Message).OrderBy(g => g.Count()).ThenBy(g => g.First().Name, StringComparer.Ordinal)
            .SelectMany(g => g.Count() >= 3 ? [($"{g.Count()} tests", g.Key)] : g.AsEnumerable());

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();

    private static string Duration(TimeSpan span) => span.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");
}
