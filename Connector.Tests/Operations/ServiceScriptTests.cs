using System.Diagnostics;

namespace Connector.Tests.Operations;

/// <summary>The service scripts: the shell installer is valid bash (and clean under shellcheck when installed); the unit says what the README says.</summary>
public class ServiceScriptTests
{
    private static string Scripts => Path.Combine(RepositoryPaths.Root, "scripts");

    [Test]
    public void The_systemd_installer_is_valid_bash()
    {
        var (exitCode, output) = Run("bash", "-n", Path.Combine(Scripts, "install-systemd.sh"));

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public void The_systemd_installer_passes_shellcheck()
    {
        if (!File.Exists("/usr/bin/shellcheck"))
        {
            Assert.Ignore("shellcheck is not installed (apt-get install shellcheck).");
        }

        var (exitCode, output) = Run("shellcheck", Path.Combine(Scripts, "install-systemd.sh"));

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public void The_systemd_installer_stops_on_the_first_error() =>
        Assert.That(File.ReadAllText(Path.Combine(Scripts, "install-systemd.sh")), Does.Contain("\nset -euo pipefail\n"));

    [TestCase("Type=notify")]
    [TestCase("User=realm-sqlserver")]
    [TestCase("WorkingDirectory=/etc/realm-sqlserver")]
    [TestCase("EnvironmentFile=/etc/realm-sqlserver/realm-sqlserver.env")]
    [TestCase("Restart=on-failure")]
    [TestCase("NoNewPrivileges=true")]
    [TestCase("ProtectSystem=strict")]
    [TestCase("ReadWritePaths=/var/lib/realm-sqlserver /var/log/realm-sqlserver")]
    [TestCase("ExecStart=/opt/realm-sqlserver/realm-sqlserver run --config /etc/realm-sqlserver/connector.config.json")]
    public void The_unit_holds(string line) =>
        Assert.That(File.ReadAllLines(Path.Combine(Scripts, "realm-sqlserver.service")), Does.Contain(line));

    private static (int ExitCode, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
