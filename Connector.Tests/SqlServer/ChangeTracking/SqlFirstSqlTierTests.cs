using System.Globalization;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// The offline proof of SQL-first registration's SQL: its statements and the catalog rows of a SQL-first plan parse,
/// validate inside the DacFx model with zero messages and name only catalog columns that exist; and the poller's
/// reads of a SQL-first table parse and validate against that table.
/// </summary>
public class SqlFirstSqlTierTests
{
    private static readonly TableMetadata Orders = new("dbo", "Orders",
        [new("id", "int", false, 4, 10, 0), new("note", "nvarchar", true, 200, 0, 0), new("placed", "datetime2", true, 8, 27, 7)],
        ["id"]);

    private static SchemaMapping Small() =>
        SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/small", "app");

    private static IEnumerable<TestCaseData> Statements() =>
        SqlFirstStatements.All.Select(s => new TestCaseData(s.Sql, s.Declarations).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Statements))]
    public void Each_registration_statement_parses_validates_in_the_model_and_names_only_columns_that_exist(string sql, string declarations)
    {
        using var model = SqlModelBuilder.Build(Small());
        model.AddObjects($"CREATE PROCEDURE [realmsync].[check_sql_first] AS\nBEGIN\nDECLARE {declarations};\n{sql}\nEND");

        Assert.That(TSqlScriptParser.Errors(sql), Is.Empty);
        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
        Assert.That(new ColumnReferenceChecker(model).Check(sql), Is.Empty);
    }

    [Test]
    public void The_column_check_sees_the_registration_statements_columns() =>
        Assert.That(new ColumnReferenceChecker(SqlModelBuilder.Build(Small())).Check(SqlFirstStatements.FindRealm.Replace("r.[MappingMode]", "r.[MappingMood]", StringComparison.Ordinal)),
            Has.Some.Contains("r.[MappingMood] does not exist"));

    [Test]
    public void Every_catalog_row_of_a_sql_first_plan_parses_and_names_only_columns_that_exist()
    {
        var plan = SqlFirstPlanner.Plan("/sql-first", [("dbo", "Orders")], [Orders]);
        using var model = SqlModelBuilder.Build(Small());
        var inserts = plan.Rows.Select(CatalogStatements.InsertRow).ToList();

        Assert.That(inserts, Has.Count.EqualTo(4));
        Assert.That(inserts.SelectMany(TSqlScriptParser.Errors), Is.Empty);
        Assert.That(inserts.SelectMany(new ColumnReferenceChecker(model).Check), Is.Empty);
    }

    [Test]
    public void The_poller_reads_of_a_sql_first_table_parse_and_validate_against_it()
    {
        var mapping = SqlFirstPlanner.Plan("/sql-first", [("dbo", "Orders")], [Orders]).Mapping;
        using var model = SqlModelBuilder.Build(mapping);
        var table = mapping.Tables.Single();
        var reads = new[] { false, true }.SelectMany(after => new[] { ChangeTrackingQueries.ClassChanges(table, after), ChangeTrackingQueries.ClassReload(table, after) }).ToList();
        for (var i = 0; i < reads.Count; i++)
        {
            model.AddObjects(
                $"CREATE PROCEDURE [realmsync].[check_{i.ToString(CultureInfo.InvariantCulture)}] AS\nBEGIN\n" +
                $"DECLARE @from bigint = 0, @to bigint = 0, @context varbinary(128) = 0x00, @pageSize int = 10, @afterKey int;\n{reads[i]}\nEND");
        }

        Assert.That(reads.SelectMany(TSqlScriptParser.Errors), Is.Empty);
        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
    }
}
