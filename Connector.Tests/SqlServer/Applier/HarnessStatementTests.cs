using System.Text;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Connector.Tests.Applier;
using Connector.Tests.Integration;
using Connector.Tests.SqlServer.Schema;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>
/// Offline, the statement the integration tests move the poller's watermarks with (issue 8, finding 1): deploy.sql
/// already inserts a watermark per generated table, so the tests must update those rows, never insert their own.
/// </summary>
public class HarnessStatementTests
{
    [Test]
    public void Deploy_sql_inserts_a_watermark_for_every_table_the_integration_tests_use()
    {
        var deployed = new StringBuilder();

        CatalogRecordWriter.AppendInitialWatermarks(deployed, null, ApplierFixture.Small, "@RealmId");

        foreach (var table in new[] { "Dog", "Person", "Person__dogs", "Person__tags" })
        {
            Assert.That(deployed.ToString(), Does.Contain($"SELECT @RealmId, N'app', N'{table}', ISNULL(CHANGE_TRACKING_CURRENT_VERSION(), 0)"), table);
        }
    }

    [Test]
    public void The_tests_move_those_watermarks_with_one_update_naming_only_catalog_columns()
    {
        using var model = Connector.SqlServer.Schema.SqlModelBuilder.Build(ApplierFixture.Small);

        var script = (TSqlScript)TSqlScriptParser.Parse(Watermarks.SentUpToNow, out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(script.Batches.SelectMany(b => b.Statements).Select(s => s.GetType()), Is.EqualTo(new[] { typeof(UpdateStatement) }));
        Assert.That(new ColumnReferenceChecker(model).Check(Watermarks.SentUpToNow), Is.Empty);
    }
}
