using System.Text;
using Connector.Catalog;
using Connector.Configuration;
using Connector.SchemaGeneration;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// The offline SQL tier for install, status and doctor: every statement parses, and every statement that reads
/// the catalog validates inside the DacFx model of the catalog (wrapped in a procedure), with zero messages.
/// </summary>
public class OperationsSqlTests
{
    private static IEnumerable<TestCaseData> Queries() =>
        OperationsSql.All.Append(OperationsSql.EnableChangeTracking(2)).Select(q => new TestCaseData(q).SetArgDisplayNames(q.Name));

    [TestCaseSource(nameof(Queries))]
    public void Every_statement_parses(OperationsQuery query) =>
        Assert.That(TSqlScriptParser.Errors(query.Sql), Is.Empty);

    private static IEnumerable<TestCaseData> CatalogQueries() =>
        OperationsSql.All.Where(q => q.ReadsCatalog).Select(q => new TestCaseData(q).SetArgDisplayNames(q.Name));

    [TestCaseSource(nameof(CatalogQueries))]
    public void Every_statement_on_the_catalog_validates_inside_the_catalog_model(OperationsQuery query)
    {
        using var model = SqlModelBuilder.Build(new SchemaMapping("/p", "dbo", [], []));
        var parameters = string.Join(", ", query.Parameters.Select(p => $"{p.Name} {p.SqlType}"));
        model.AddObjects(new StringBuilder()
            .Append("CREATE PROCEDURE [realmsync].[check_").Append(query.Name.Replace('-', '_')).Append("] ").Append(parameters)
            .Append("\nAS\nBEGIN\n").Append(query.Sql).Append("\nEND\n").ToString());

        Assert.That(model.Validate().Select(m => $"{m.MessageType} SQL{m.Number}: {m.Message}"), Is.Empty);
    }

    [Test]
    public void The_statements_that_read_the_catalog_are_the_expected_ones() =>
        Assert.That(OperationsSql.All.Where(q => q.ReadsCatalog).Select(q => q.Name), Is.EqualTo(new[] { "catalog-version", "record-catalog-version", "mapped-tables", "status", "partitioned-mappings" }));

    [Test]
    public void A_misspelt_catalog_column_fails_the_model_check()
    {
        using var model = SqlModelBuilder.Build(new SchemaMapping("/p", "dbo", [], []));
        model.AddObjects("CREATE PROCEDURE [realmsync].[check_broken] AS BEGIN SELECT o.[ShipedAt] FROM [realmsync].[Outbox] AS o; END");

        Assert.That(model.Validate(), Is.Not.Empty);
    }

    [Test]
    public void The_retention_is_written_as_an_integer_literal_and_bounded()
    {
        Assert.That(OperationsSql.EnableChangeTracking(7).Sql, Is.EqualTo("ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 7 DAYS, AUTO_CLEANUP = ON);"));
        Assert.Throws<ArgumentOutOfRangeException>(() => OperationsSql.EnableChangeTracking(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OperationsSql.EnableChangeTracking(366));
    }

    [Test]
    public void The_catalog_upgrade_from_version_1_parses_and_leads_to_the_current_version()
    {
        var steps = CatalogInstaller.UpgradeSteps(1);

        Assert.That(steps.Select(s => s.ToVersion), Is.EqualTo(new[] { 2 }));
        Assert.That(steps[^1].ToVersion, Is.EqualTo(CatalogSchema.Version));
        Assert.That(steps[0].Batches.Select(b => b.Sql), Has.Some.Contains("ADD [PartitionOf] int NULL").And.Some.Contains("[CK_MappedRealm_PartitionOf]"));
        foreach (var batch in steps.SelectMany(s => s.Batches))
        {
            Assert.That(TSqlScriptParser.Errors(batch.Sql), Is.Empty, batch.Name);
            Assert.That(batch.SchemaChange, Is.True, batch.Name);
        }

        Assert.That(CatalogInstaller.UpgradeSteps(CatalogSchema.Version), Is.Empty, "nothing to do at the current version");
    }

    [Test]
    public void The_catalog_batches_parse_and_cover_every_catalog_script()
    {
        var batches = CatalogInstaller.Batches();

        Assert.That(batches, Has.Count.EqualTo(CatalogSchema.Scripts.Length + 2), "020-MappedRealm.sql and 070-Outbox.sql hold one GO each");
        Assert.That(batches[0].Sql, Does.Contain("CREATE SCHEMA [realmsync]"));
        foreach (var batch in batches)
        {
            Assert.That(TSqlScriptParser.Errors(batch.Sql), Is.Empty, batch.Name);
            Assert.That(batch.Sql, Does.Not.Match(@"(?im)^\s*GO\s*$"), batch.Name);
            Assert.That(batch.SchemaChange, Is.True, batch.Name + " runs under SqlServer.SchemaCommandTimeout");
        }
    }

    [Test]
    public void The_permission_list_is_sent_as_json_in_order()
    {
        var json = RequiredPermissions.ToJson(RequiredPermissions.For(SchemaOptions.Auto, "app"));

        Assert.That(json, Does.StartWith("[{\"securable\":\"realmsync\",\"class\":\"SCHEMA\",\"permission\":\"SELECT\"},"));
        Assert.That(json, Does.Contain("{\"securable\":\"realmsync\",\"class\":\"SCHEMA\",\"permission\":\"REFERENCES\"}"));
        Assert.That(json, Does.Contain("{\"securable\":\"app\",\"class\":\"SCHEMA\",\"permission\":\"VIEW CHANGE TRACKING\"}"));
        Assert.That(json, Does.EndWith("{\"securable\":null,\"class\":\"DATABASE\",\"permission\":\"CREATE PROCEDURE\"}]"));
    }
}
