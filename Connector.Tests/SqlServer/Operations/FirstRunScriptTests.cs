using System.Diagnostics;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// scripts/first-run.cs, the DBA's first command: it compiles (as a .NET file-based program, with the repository's
/// warnings-as-errors) and turns a test run's results into the report the README shows. The run itself needs a
/// SQL Server; here its report is read from a results file of known content.
/// </summary>
public class FirstRunScriptTests : WorkFolderTest
{
    private const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [Test]
    public void The_report_names_the_server_version_counts_every_outcome_and_says_each_failure_once()
    {
        var trx = Path.Combine(Work, "run.trx");
        File.WriteAllText(trx, Trx(
            ("ServerVersionTests", "The_server_reports_its_version", "Passed", null, "SQL Server version: 16.0.4165.4 RTM CU16, Developer Edition (64-bit), compatibility level 160"),
            ("LeastPrivilegeTests", "Doctor_finds_every_permission", "Failed", "Expected: 0\n  But was: 8", null),
            ("PollerIntegrationTests", "A", "Failed", "Microsoft.Data.SqlClient.SqlException : Msg 3961 snapshot", null),
            ("PollerIntegrationTests", "B", "Failed", "Microsoft.Data.SqlClient.SqlException : Msg 3961 snapshot", null),
            ("PollerIntegrationTests", "C", "Failed", "Microsoft.Data.SqlClient.SqlException : Msg 3961 snapshot", null),
            ("InboundApplyTests", "D", "NotExecuted", "not on this server", null)));

        var (exitCode, output) = Run("dotnet", "run", Path.Combine(RepositoryPaths.Root, "scripts", "first-run.cs"), "--", "--report", trx);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("  server:  16.0.4165.4 RTM CU16, Developer Edition (64-bit), compatibility level 160\n"));
        Assert.That(output, Does.Contain("  result:  1 passed, 4 failed, 1 skipped, of 6, in 1 min 5 s\n"));
        Assert.That(output, Does.Contain("  failed:\n    LeastPrivilegeTests.Doctor_finds_every_permission: Expected: 0\n    3 tests: Microsoft.Data.SqlClient.SqlException : Msg 3961 snapshot\n"));
        Assert.That(output, Does.Contain("  skipped:\n    InboundApplyTests.D: not on this server\n"));
    }

    [Test]
    public void Without_a_server_or_docker_it_says_what_to_set_and_exits_2()
    {
        if (Run("docker", "info").ExitCode == 0)
        {
            Assert.Ignore("a Docker engine answers on this machine: the first run would run the whole integration tier in a container.");
        }

        var (exitCode, output) = Run("dotnet", "run", Path.Combine(RepositoryPaths.Root, "scripts", "first-run.cs"));

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("set REALMSYNC_TEST_SQLSERVER"));
    }

    private static string Trx(params (string Class, string Name, string Outcome, string? Message, string? StdOut)[] tests)
    {
        var results = tests.Select((t, i) =>
            $"<UnitTestResult testId=\"id{i}\" testName=\"{t.Name}\" outcome=\"{t.Outcome}\"><Output>" +
            (t.StdOut is null ? "" : $"<StdOut>{t.StdOut}</StdOut>") +
            (t.Message is null ? "" : $"<ErrorInfo><Message>{t.Message}</Message></ErrorInfo>") +
            "</Output></UnitTestResult>");
        var definitions = tests.Select((t, i) =>
            $"<UnitTest id=\"id{i}\" name=\"{t.Name}\"><TestMethod className=\"Connector.Tests.Integration.{t.Class}\" name=\"{t.Name}\" /></UnitTest>");
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><TestRun xmlns=\"{Namespace}\">" +
            "<Times creation=\"2026-12-01T10:00:00Z\" start=\"2026-12-01T10:00:00Z\" finish=\"2026-12-01T10:01:05Z\" />" +
            $"<Results>{string.Concat(results)}</Results><TestDefinitions>{string.Concat(definitions)}</TestDefinitions></TestRun>";
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The first run must not find a server through the environment of the test run.
        start.Environment.Remove("REALMSYNC_TEST_SQLSERVER");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file} could not be started: {e.Message}");
        }

        using var _ = process;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (output.Result + error).Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
