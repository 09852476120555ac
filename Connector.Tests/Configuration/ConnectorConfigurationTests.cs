using System.Text.Json.Nodes;
using Connector.Configuration;

namespace Connector.Tests.Configuration;

public class ConnectorConfigurationTests : WorkFolderTest
{
    [Test]
    public void The_repository_configuration_is_valid_and_binds_its_values()
    {
        var load = ConnectorConfiguration.Load(ConfigFiles.RepositoryFile, ConfigFiles.NoEnvironment);

        Assert.That(load.Failures, Is.Empty);
        var options = load.Options!;
        Assert.That(options.SqlServer.Schema, Is.EqualTo("dbo"));
        Assert.That(options.SqlServer.CommandTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.SqlServer.SchemaCommandTimeout, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(options.Realm.JournalPath, Is.EqualTo("/var/lib/realm-sqlserver/journal"));
        Assert.That(options.Realm.RealmPaths, Is.Empty);
        Assert.That(options.Sync.TransactionSize, Is.EqualTo(1000));
        Assert.That(options.Scheduler.PollInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(options.Scheduler.PollCron, Is.Null);
        Assert.That(options.ChangeTracking.RetentionWarningFraction, Is.EqualTo(0.25));
    }

    [Test]
    public void Every_key_of_the_repository_file_is_a_property_of_the_options()
    {
        var leaves = new List<string>();
        Collect(ConfigFiles.Repository()["RealmSqlServer"]!, "", leaves);
        Assert.That(leaves, Has.Count.GreaterThanOrEqualTo(20));
        foreach (var leaf in leaves)
        {
            var type = typeof(ConnectorOptions);
            foreach (var part in leaf.Split(':'))
            {
                var property = type.GetProperty(part);
                Assert.That(property, Is.Not.Null, $"{leaf}: no property {part} on {type.Name}");
                type = property!.PropertyType;
            }
        }
    }

    [Test]
    public void Every_options_property_is_in_the_repository_file()
    {
        var file = ConfigFiles.Repository()["RealmSqlServer"]!.AsObject();
        foreach (var section in typeof(ConnectorOptions).GetProperties())
        {
            foreach (var property in section.PropertyType.GetProperties())
            {
                Assert.That(file[section.Name]?.AsObject().ContainsKey(property.Name), Is.True, $"{section.Name}:{property.Name} is missing from connector.config.json");
            }
        }
    }

    [Test]
    public void A_misspelt_key_is_reported_with_the_keys_that_exist()
    {
        var path = ConfigFiles.Write(Work, c => c["Sync"]!["ConflictPolcy"] = "realm-wins");

        var load = ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment);

        Assert.That(load.Options, Is.Null);
        Assert.That(load.Failures, Is.EqualTo(new[]
        {
            "RealmSqlServer:Sync:ConflictPolcy is not a configuration key; correct its spelling or remove it " +
            "(the keys of RealmSqlServer:Sync are ConflictPolicy, OnBadTransaction, TransactionSize, MaxRetries, RetryDelay).",
        }));
    }

    [Test]
    public void An_unknown_section_and_a_key_outside_RealmSqlServer_are_reported()
    {
        var path = Path.Combine(Work, "c.json");
        var json = ConfigFiles.Repository();
        json["RealmSqlServer"]!["Logging"] = new JsonObject { ["Level"] = "Debug" };
        json["Logging"] = new JsonObject { ["Level"] = "Debug" };
        File.WriteAllText(path, json.ToJsonString());

        var failures = ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment).Failures;

        Assert.That(failures, Has.Count.EqualTo(2));
        Assert.That(failures[0], Is.EqualTo("Logging is not a configuration key: every setting lives under 'RealmSqlServer'; move or remove it."));
        Assert.That(failures[1], Does.StartWith("RealmSqlServer:Logging is not a configuration key; correct its spelling or remove it (the keys of RealmSqlServer are Database, SqlServer, Postgres, Realm, Schema,"));
    }

    [Test]
    public void Values_that_do_not_convert_are_all_reported()
    {
        var path = ConfigFiles.Write(Work, c =>
        {
            c["Scheduler"]!["PollInterval"] = "ten seconds";
            c["Scheduler"]!["Clustered"] = "sometimes";
            c["Sync"]!["TransactionSize"] = "lots";
        });

        Assert.That(ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment).Failures, Is.EqualTo(new[]
        {
            "RealmSqlServer:Scheduler:Clustered = 'sometimes' is not true or false.",
            "RealmSqlServer:Scheduler:PollInterval = 'ten seconds' is not a duration: write it as [d.]hh:mm:ss, such as '00:00:10'.",
            "RealmSqlServer:Sync:TransactionSize = 'lots' is not a whole number.",
        }));
    }

    [Test]
    public void The_environment_overrides_the_connection_string()
    {
        var environment = new Dictionary<string, string?>
        {
            ["RealmSqlServer__SqlServer__ConnectionString"] = "Server=envhost;Database=EnvDb;Integrated Security=true",
            ["PATH"] = "/usr/bin",
        };

        var options = ConnectorConfiguration.LoadOrThrow(ConfigFiles.RepositoryFile, environment);

        Assert.That(options.SqlServer.ConnectionString, Is.EqualTo("Server=envhost;Database=EnvDb;Integrated Security=true"));
    }

    [Test]
    public void An_invalid_configuration_throws_with_exit_code_6_and_every_failure()
    {
        var path = ConfigFiles.Write(Work, c =>
        {
            c["Sync"]!["ConflictPolicy"] = "sqlwins";
            c["Schema"]!["ApplyMode"] = "manual";
        });

        var e = Assert.Throws<ConnectorException>(() => ConnectorConfiguration.LoadOrThrow(path, ConfigFiles.NoEnvironment));

        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        Assert.That(e.Message, Does.Contain("RealmSqlServer:Schema:ApplyMode = 'manual': must be 'auto'"));
        Assert.That(e.Message, Does.Contain("RealmSqlServer:Sync:ConflictPolicy = 'sqlwins': must be 'sql-wins' or 'realm-wins'."));
    }

    [Test]
    public void A_missing_file_is_reported_with_the_fix()
    {
        var failures = ConnectorConfiguration.Load(Path.Combine(Work, "absent.json"), ConfigFiles.NoEnvironment).Failures;

        Assert.That(failures.Single(), Does.EndWith("absent.json: the configuration file does not exist; give --config FILE or copy connector.config.json there (README.md, Configuration)."));
    }

    [Test]
    public void Broken_json_is_reported_not_thrown()
    {
        var path = Path.Combine(Work, "broken.json");
        File.WriteAllText(path, "{ \"RealmSqlServer\": { ");

        var load = ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment);

        Assert.That(load.Options, Is.Null);
        Assert.That(load.Failures.Single(), Does.StartWith(path + ": "));
    }

    private static void Collect(JsonNode node, string prefix, List<string> leaves)
    {
        foreach (var (key, value) in node.AsObject())
        {
            var path = prefix.Length == 0 ? key : prefix + ":" + key;
            if (value is JsonObject)
            {
                Collect(value, path, leaves);
            }
            else
            {
                leaves.Add(path);
            }
        }
    }
}
