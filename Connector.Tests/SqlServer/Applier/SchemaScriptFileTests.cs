using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Applier;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>Tier 2 for schema growth: what auto mode runs and what script mode hands a DBA.</summary>
public class SchemaScriptFileTests
{
    private static readonly Lazy<SchemaDeployment> Growth = new(() =>
    {
        var plan = ApplierFixture.Plan(ApplierFixture.Transaction(3,
            """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}"""));
        return SchemaDeployPlanner.Plan(SchemaDeployPlanner.Dacpac(ApplierFixture.Small), plan.Mapping, InboundRecords.Reason(3));
    });

    [Test]
    public void The_batches_auto_mode_runs_parse_with_zero_errors()
    {
        Assert.That(Growth.Value.Batches, Is.Not.Empty);
        Assert.That(Growth.Value.Batches.SelectMany(TSqlScriptParser.Errors), Is.Empty);
        Assert.That(Growth.Value.Reason, Is.EqualTo("ADD_TYPE/ADD_PROPERTIES in version 3"));
    }

    [Test]
    public void The_script_for_a_dba_ends_with_catalog_rows_that_parse_and_name_only_catalog_columns()
    {
        var deployment = Growth.Value;
        var script = SchemaScriptFile.Render(7, 3, ApplierFixture.Small, deployment);
        var dacFx = deployment.DacFxScript.TrimEnd();
        var record = script[(script.IndexOf(dacFx, StringComparison.Ordinal) + dacFx.Length)..];
        using var model = SqlModelBuilder.Build(deployment.Mapping);

        Assert.That(TSqlScriptParser.Errors(record), Is.Empty);
        Assert.That(new ColumnReferenceChecker(model).Check(record), Is.Empty);
        Assert.That(record, Does.Contain("INSERT INTO [realmsync].[MappedProperty] ([RealmId], [ClassName], [PropertyName]").And.Contain("VALUES (7, N'Dog', N'color'"));
        Assert.That(record, Does.Contain("INSERT INTO [realmsync].[SchemaDeployment]"));
    }

    [Test]
    public void A_partitioned_growth_planned_on_one_realm_is_recorded_under_the_mapping_and_alters_the_views_with_the_tables()
    {
        const string Pattern = "^/([0-9a-f]+)/private$";
        var mapping = SchemaMapper.Map(Tests.SchemaGeneration.SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), Pattern, "app", previous: null, pathPattern: Pattern);
        var plan = Connector.Applier.TransactionPlanner.Plan(ApplierFixture.Transaction(3,
            """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}"""), mapping.ForRealm("/0a/private"));
        var deployment = SchemaDeployPlanner.Plan(SchemaDeployPlanner.Dacpac(mapping), plan.Mapping.AsPartitionOf(mapping), InboundRecords.Reason(3));

        var script = SchemaScriptFile.Render(7, 3, mapping, deployment);
        var record = script[(script.IndexOf(deployment.DacFxScript.TrimEnd(), StringComparison.Ordinal) + deployment.DacFxScript.TrimEnd().Length)..];
        using var model = SqlModelBuilder.Build(deployment.Mapping);

        Assert.That(script, Does.StartWith($"-- RealmSqlServer: schema change needed by inbound version 3 of a Realm path of the partitioned mapping {Pattern}.\n"));
        Assert.That(deployment.DacFxScript, Does.Contain("[app].[Dog]").And.Contain("[app_realm].[Dog]"), "the view follows its table");
        Assert.That(TSqlScriptParser.Errors(record), Is.Empty);
        Assert.That(new ColumnReferenceChecker(model).Check(record), Is.Empty);
        Assert.That(record, Does.Contain("VALUES (7, N'Dog', N'color'").And.Not.Contain("app_realm"), "recorded under the mapping's row, with the tables' schema");
        Assert.That(SchemaScriptFile.PathFor(new Connector.Journal.JournalPaths("/j"), "/0a/private", 3), Does.EndWith("schema-3.sql"));
    }
}
