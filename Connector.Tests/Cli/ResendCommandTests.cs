using System.Collections.Immutable;
using Connector.ChangeTracking;
using Connector.Cli;
using Connector.Tests.Configuration;

namespace Connector.Tests.Cli;

/// <summary>
/// <c>resend</c> offline: its help, the command line's refusals, PostgreSQL refused until built, an unreachable
/// server and an invalid configuration, each with its exit code; and the report it prints. No SQL runs.
/// </summary>
public class ResendCommandTests : WorkFolderTest
{
    [Test]
    public void Help_names_the_options_and_who_ships_what_it_queues()
    {
        var run = CliRun.Of("resend", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        Assert.That(run.Output, Does.Contain("--realm-path <P>").And.Contain("--class <C>").And.Contain("--config <FILE>"));
        Assert.That(run.Output, Does.Contain("CLEAR then INSERTs").And.Contain("'sync' or the running service ('run') ships it"));
    }

    [Test]
    public void The_root_help_lists_resend()
    {
        var run = CliRun.Of("--help");

        Assert.That(run.Output, Does.Match(@"\n\s+resend\s+Queue the whole current content"));
    }

    [Test]
    public void Without_a_realm_path_it_exits_2_naming_the_option()
    {
        var run = CliRun.Of("resend", "--class", "Dog", "--config", ConfigFiles.Unreachable(Work));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--realm-path").And.Contain("Run with --help to see the options."));
    }

    [Test]
    public void A_class_option_without_a_name_exits_2()
    {
        var run = CliRun.Of("resend", "--realm-path", "/small", "--class");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--class"));
    }

    [Test]
    public void On_postgresql_an_unreachable_server_exits_1_naming_the_setting_without_the_password()
    {
        var path = ConfigFiles.Write(Work, c =>
        {
            c["Database"]!["Provider"] = "postgres";
            c["Postgres"]!["ConnectionString"] = "Host=127.0.0.1;Port=1;Database=realmsync;Username=realm;Password=" + ConfigFiles.Password;
            c["Realm"]!["JournalPath"] = Directory.CreateDirectory(Path.Combine(Work, "journal")).FullName;
        });

        var run = CliRun.Of("resend", "--realm-path", "/small", "--config", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure), run.Error);
        Assert.That(run.Error, Does.Contain("Postgres:ConnectionString").And.Not.Contain(ConfigFiles.Password));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void An_unreachable_server_exits_7_naming_server_and_database_but_not_the_password()
    {
        var run = CliRun.Of("resend", "--realm-path", "/small", "--class", "Dog", "--config", ConfigFiles.Unreachable(Work));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SqlUnavailable), run.Error);
        Assert.That(run.Error, Does.StartWith("error: cannot connect to SQL Server (server '127.0.0.1,1', database 'RealmSyncTest'): "));
        Assert.That(run.Output + run.Error, Does.Not.Contain(ConfigFiles.Password));
    }

    [Test]
    public void An_invalid_configuration_exits_6_before_connecting()
    {
        var path = ConfigFiles.Write(Work, c => c["Sync"]!["MaxRetrys"] = 3);

        var run = CliRun.Of("resend", "--realm-path", "/small", "--config", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        Assert.That(run.Error, Does.Contain("RealmSqlServer:Sync:MaxRetrys is not a configuration key"));
    }

    [Test]
    public void The_report_gives_the_outbox_versions_each_classs_counts_and_why_and_who_ships_them()
    {
        var pass = new PollResult(90, 12, 3, 2_004, []);
        var result = new ResendResult("/small", pass, [
            new ClassResend("Person", ResendScope.Linking, 2, 3),
            new ClassResend("Dog", ResendScope.Requested, 3, 2_000),
            new ClassResend("Note", null, 1, 1),
        ]);

        Assert.That(ResendCommand.Report(result).ReplaceLineEndings("\n"), Is.EqualTo(
            "Realm path '/small': queued outbox versions 12 to 14: 3 transaction(s), 2004 instruction(s).\n" +
            "  Person: re-sent whole (links to a re-sent class (CLEAR dropped those links in Realm)): 3 instruction(s) in 2 transaction(s)\n" +
            "  Dog: re-sent whole (requested): 2000 instruction(s) in 3 transaction(s)\n" +
            "  Note: changes since the last poll: 1 instruction(s) in 1 transaction(s)\n" +
            "'sync', or the running service ('run'), ships them to the journal.\n"));
        Assert.That(ResendCommand.Report(result with { Pass = pass with { Transactions = 1 }, Classes = ImmutableArray<ClassResend>.Empty }).ReplaceLineEndings("\n"),
            Does.StartWith("Realm path '/small': queued outbox version 12: 1 transaction(s)"));
    }
}
