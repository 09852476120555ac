using Connector.SqlServer.Sql;


namespace Connector.Tests.Cli;

public class BootstrapCommandTests : WorkFolderTest
{
    private static string Sample => Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json");

    [Test]
    public void Bootstrap_writes_the_dacpac_and_a_parseable_deploy_script()
    {
        var output = Path.Combine(Work, "out");

        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", output, "--realm-path", "/app/main", "--sql-schema", "app");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("Realm path '/app/main': 4 classes mapped to 8 tables in SQL schema [app]."));
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "schema.dacpac", "deploy.sql" }));
        var script = File.ReadAllText(Path.Combine(output, "deploy.sql"));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("CREATE TABLE [app].[Person]"));
        Assert.That(script, Does.Contain("VALUES (N'/app/main', N'app', 'realm-first')"));
    }

    [Test]
    public void A_path_pattern_writes_a_partitioned_mapping_recorded_as_such()
    {
        var output = Path.Combine(Work, "out");

        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", output, "--realm-path-pattern", "^/([0-9a-f]+)/private$", "--sql-schema", "app");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("Realm paths matching '^/([0-9a-f]+)/private$' (partitioned): 4 classes mapped to 8 shared tables in SQL schema [app], each row's Realm in [_realm_id]"));
        var script = File.ReadAllText(Path.Combine(output, "deploy.sql"));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("CREATE VIEW [app_realm].[Person]"));
        Assert.That(script, Does.Contain("VALUES (N'^/([0-9a-f]+)/private$', N'app', 'partitioned')"));
    }

    [Test]
    public void An_invalid_path_pattern_is_a_usage_error_naming_it_and_writes_nothing()
    {
        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", Path.Combine(Work, "out"), "--realm-path-pattern", "^/(unclosed$");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.StartWith("error: --realm-path-pattern: '^/(unclosed$' is not a valid .NET regular expression"));
        Assert.That(Directory.Exists(Path.Combine(Work, "out")), Is.False);
    }

    [Test]
    public void A_path_and_a_path_pattern_together_are_a_usage_error()
    {
        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", Work, "--realm-path", "/a", "--realm-path-pattern", "^/a$");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--realm-path P) or every path a pattern matches (--realm-path-pattern REGEX), not both"));
    }

    [Test]
    public void A_path_pattern_for_postgres_makes_the_postgres_mapping_partitioned()
    {
        var output = Path.Combine(Work, "pg");

        var run = CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Sample, "--out", output, "--realm-path-pattern", "^/([0-9a-f]+)/private$");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("Realm paths matching '^/([0-9a-f]+)/private$' (partitioned): 4 classes mapped to 8 shared tables in SQL schema [public]"));
        Assert.That(File.Exists(Path.Combine(output, "deploy.sql")), Is.True);
    }

    [Test]
    public void A_missing_schema_file_is_named_and_exits_with_bad_input()
    {
        var run = CliRun.Of("bootstrap", "--realm-schema", Path.Combine(Work, "missing.json"), "--out", Work);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: --realm-schema: file '{Path.Combine(Work, "missing.json")}' does not exist; check the path.\n"));
    }

    [Test]
    public void Invalid_json_is_reported_with_line_and_column()
    {
        var file = Path.Combine(Work, "bad.json");
        File.WriteAllText(file, "[\n  {\"name\": \"A\",\n   \"properties\": {\"x\": \"int\",}}\n]");

        var run = CliRun.Of("bootstrap", "--realm-schema", file, "--out", Path.Combine(Work, "out"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Does.StartWith($"error: {file}: line 3, column "));
        Assert.That(run.Error, Does.Contain("not valid JSON"));
        Assert.That(Directory.Exists(Path.Combine(Work, "out")), Is.False, "nothing written");
    }

    [Test]
    public void An_invalid_schema_names_the_class_and_property_and_writes_nothing()
    {
        var file = Path.Combine(Work, "schema.json");
        File.WriteAllText(file, """[{"name": "Dog", "properties": {"owner": "Persn"}}]""");

        var run = CliRun.Of("bootstrap", "--realm-schema", file, "--out", Path.Combine(Work, "out"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Does.Contain("class 'Dog', property 'owner': links to class 'Persn', which is not in the schema"));
        Assert.That(Directory.Exists(Path.Combine(Work, "out")), Is.False);
    }

    [Test]
    public void An_unwritable_output_folder_exits_with_the_output_code()
    {
        var file = Path.Combine(Work, "a-file");
        File.WriteAllText(file, "not a folder");

        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", Path.Combine(file, "out"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Output));
        Assert.That(run.Error, Does.StartWith($"error: --out: cannot write to folder '{Path.Combine(file, "out")}': "));
        Assert.That(run.Error, Does.EndWith("Choose a folder you can write to.\n"));
    }

    [Test]
    public void The_catalog_schema_cannot_be_the_target_schema()
    {
        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", Work, "--sql-schema", "REALMSYNC");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.StartWith("error: --sql-schema 'REALMSYNC' is reserved"));
    }

    [Test]
    public void Missing_required_options_are_usage_errors()
    {
        Assert.That(CliRun.Of("bootstrap", "--realm-schema", Sample).ExitCode, Is.EqualTo(ExitCodes.Usage));
        var run = CliRun.Of("bootstrap", "--out", Work);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.StartWith("error: bootstrap needs the Realm schema"));
    }

    [Test]
    public void Help_documents_every_option()
    {
        var run = CliRun.Of("bootstrap", "--help");

        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.Contain("--realm-schema").And.Contain("--out").And.Contain("--realm-path").And.Contain("--sql-schema"));
    }

    [Test]
    public void Existing_output_files_are_replaced_whole()
    {
        var output = Path.Combine(Work, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "deploy.sql"), "old");

        Assert.That(CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", output).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(output, "deploy.sql")), Does.StartWith("/*\nRealmSqlServer deploy.sql"));
        Assert.That(Directory.GetFiles(output), Has.Length.EqualTo(2), "no temporary files left");
    }

    [Test]
    public void Apply_against_an_unreachable_server_writes_the_files_then_fails_naming_the_server_but_not_the_password()
    {
        var config = Path.Combine(Work, "connector.config.json");
        File.WriteAllText(config, """
            {"RealmSqlServer": {"SqlServer": {"ConnectionString": "Server=127.0.0.1,1;Database=RealmSync;User ID=sa;Password=Secret123!;Connect Timeout=2;Encrypt=false"},
             "Realm": {"JournalPath": "/tmp"}}}
            """);

        var run = CliRun.Of("bootstrap", "--realm-schema", Sample, "--out", Path.Combine(Work, "out"), "--apply", "--config", config);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SqlUnavailable));
        Assert.That(run.Error, Does.StartWith("error: cannot connect to SQL Server (server '127.0.0.1,1', database 'RealmSync')"));
        Assert.That(run.Error + run.Output, Does.Not.Contain("Secret123!"));
        Assert.That(File.Exists(Path.Combine(Work, "out", "deploy.sql")), Is.True, "deploy.sql is written first, for a DBA to run by hand");
    }
}
