using Connector.Tests.Configuration;

namespace Connector.Tests.Cli;

/// <summary>
/// The commands that need SQL Server, against a server that does not answer (127.0.0.1, port 1): each exits
/// with the documented code and a message that names server and database, never the password. No SQL runs.
/// </summary>
public class SqlCommandTests : WorkFolderTest
{
    [TestCase("install")]
    [TestCase("install", "--enable-change-tracking", "--retention-days", "3")]
    [TestCase("status")]
    [TestCase("sync")]
    [TestCase("run")]
    public void An_unreachable_server_exits_7_naming_server_and_database_but_not_the_password(params string[] command)
    {
        var run = CliRun.Of([.. command, "--config", ConfigFiles.Unreachable(Work)]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SqlUnavailable), run.Error);
        Assert.That(run.Error, Does.StartWith("error: cannot connect to SQL Server (server '127.0.0.1,1', database 'RealmSyncTest'): "));
        Assert.That(run.Error, Does.Contain("Check that the server is running and reachable"));
        Assert.That(run.Output + run.Error, Does.Not.Contain(ConfigFiles.Password));
    }

    [Test]
    public void Doctor_runs_its_offline_checks_and_reports_the_sql_checks_failed()
    {
        var run = CliRun.Of("doctor", "--config", ConfigFiles.Unreachable(Work));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SqlUnavailable));
        var lines = run.Output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(8));
        Assert.That(lines[0], Does.StartWith("[ok] configuration: ").And.EndWith("connector.config.json is valid."));
        Assert.That(lines[1], Does.StartWith("[ok] journal: ").And.EndWith("exists and is writable."));
        Assert.That(lines[2], Does.StartWith("[FAIL] connection: cannot connect to SQL Server (server '127.0.0.1,1', database 'RealmSyncTest'): "));
        Assert.That(lines[3..], Is.EqualTo(new[]
        {
            "[FAIL] catalog: not checked: no connection to SQL Server. Fix: fix the connection first.",
            "[FAIL] change tracking: not checked: no connection to SQL Server. Fix: fix the connection first.",
            "[FAIL] snapshot isolation: not checked: no connection to SQL Server. Fix: fix the connection first.",
            "[FAIL] compatibility level: not checked: no connection to SQL Server. Fix: fix the connection first.",
            "[FAIL] permissions: not checked: no connection to SQL Server. Fix: fix the connection first.",
        }));
        Assert.That(run.Output + run.Error, Does.Not.Contain(ConfigFiles.Password));
    }

    [Test]
    public void Doctor_reports_every_configuration_failure_and_exits_6()
    {
        var path = ConfigFiles.Write(Work, c =>
        {
            c["SqlServer"]!["ConnectionString"] = "Server=sql1;User ID=app;Password=" + ConfigFiles.Password;
            c["Sync"]!["OnBadTransaction"] = "retry";
        });

        var run = CliRun.Of("doctor", "--config", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        Assert.That(run.Output, Does.Contain("[FAIL] configuration: RealmSqlServer:SqlServer:ConnectionString = 'Data Source=sql1;User ID=app;Password=*****': names no database;"));
        Assert.That(run.Output, Does.Contain("[FAIL] configuration: RealmSqlServer:Sync:OnBadTransaction = 'retry': must be 'stop'"));
        Assert.That(run.Output, Does.Contain("[FAIL] connection: not checked: the configuration is not valid."));
        Assert.That(run.Output, Does.Not.Contain(ConfigFiles.Password));
    }

    [TestCase("install")]
    [TestCase("status")]
    [TestCase("sync")]
    [TestCase("run")]
    public void An_invalid_configuration_exits_6_before_connecting(string command)
    {
        var path = ConfigFiles.Write(Work, c => c["Scheduler"]!["PollIntervall"] = "00:00:10");

        var run = CliRun.Of(command, "--config", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        Assert.That(run.Error, Does.Contain("is not valid:"));
        Assert.That(run.Error, Does.Contain("RealmSqlServer:Scheduler:PollIntervall is not a configuration key; correct its spelling or remove it"));
    }

    [Test]
    public void A_missing_configuration_file_exits_6_naming_it()
    {
        var run = CliRun.Of("status", "--config", Path.Combine(Work, "nowhere.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        Assert.That(run.Error, Does.Contain("nowhere.json: the configuration file does not exist; give --config FILE"));
    }

    [Test]
    public void A_retention_outside_1_to_365_days_is_a_usage_error()
    {
        var run = CliRun.Of("install", "--retention-days", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--retention-days 0: give 1 to 365 days."));
    }

    [TestCase("install")]
    [TestCase("run")]
    [TestCase("sync")]
    [TestCase("status")]
    [TestCase("doctor")]
    public void Every_sql_command_has_help_and_a_config_option(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Output, Does.Contain("--config <FILE>"));
    }
}
