using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.SqlServer.Catalog;

/// <summary>Tier 2 for the catalog store: its statements parse and name only columns the catalog has.</summary>
public class CatalogStatementsTests
{
    internal static SchemaMapping Small() =>
        SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/small", "app");

    private static IEnumerable<TestCaseData> Statements() =>
        CatalogStatements.All.Select(s => new TestCaseData(s.Value).SetArgDisplayNames(s.Key));

    [TestCaseSource(nameof(Statements))]
    public void Each_fixed_statement_parses_and_names_only_columns_that_exist(string sql)
    {
        using var model = SqlModelBuilder.Build(Small());

        Assert.That(TSqlScriptParser.Errors(sql), Is.Empty);
        Assert.That(new ColumnReferenceChecker(model).Check(sql), Is.Empty);
    }

    [Test]
    public void The_column_check_sees_the_catalog_statements_columns()
    {
        using var model = SqlModelBuilder.Build(Small());

        var problems = new ColumnReferenceChecker(model).Check(CatalogStatements.AdvanceCursor.Replace("c.[Version] <", "c.[Versoin] <", StringComparison.Ordinal));

        Assert.That(problems, Has.Some.Contains("c.[Versoin] does not exist"));
    }

    [Test]
    public void The_statement_read_for_every_transaction_and_poll_reads_the_deployment_id_and_no_blob()
    {
        var parsed = (Microsoft.SqlServer.TransactSql.ScriptDom.TSqlScript)new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(true)
            .Parse(new StringReader(CatalogStatements.DeploymentInForceId), out var errors);
        var select = (Microsoft.SqlServer.TransactSql.ScriptDom.QuerySpecification)
            ((Microsoft.SqlServer.TransactSql.ScriptDom.SelectStatement)parsed.Batches.Single().Statements.Single()).QueryExpression;

        Assert.That(errors, Is.Empty);
        Assert.That(select.SelectElements, Has.Count.EqualTo(1));
        Assert.That(CatalogStatements.DeploymentInForceId, Does.Contain("SELECT TOP (1) d.[DeploymentId] FROM"));
        Assert.That(CatalogStatements.DeploymentInForceId, Does.Not.Contain("[Mapping]").And.Not.Contain("[Dacpac]"));
        Assert.That(CatalogStatements.LoadDeployment, Does.Contain("WHERE d.[DeploymentId] = @DeploymentId"));
    }

    [Test]
    public void Every_catalog_row_insert_parses_and_names_only_columns_that_exist()
    {
        var mapping = Small();
        using var model = SqlModelBuilder.Build(mapping);
        var checker = new ColumnReferenceChecker(model);
        var inserts = CatalogRows.Growth(null, mapping).Select(CatalogStatements.InsertRow).ToList();

        Assert.That(inserts, Has.Count.EqualTo(mapping.Classes.Length + mapping.Classes.Sum(c => c.Properties.Length)));
        Assert.That(inserts.SelectMany(TSqlScriptParser.Errors), Is.Empty);
        Assert.That(inserts.SelectMany(checker.Check), Is.Empty);
    }

    [Test]
    public void A_catalog_row_insert_sends_every_value_as_a_parameter()
    {
        var row = CatalogRows.Growth(null, Small()).First();

        Assert.That(CatalogStatements.InsertRow(row), Is.EqualTo(
            "INSERT INTO [realmsync].[MappedClass] ([RealmId], [ClassName], [Ordinal], [ClassKind], [PrimaryKey], [SqlTable], [KeyColumn], [KeySqlType], [NameResolution]) " +
            "VALUES (@RealmId, @p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7);"));
    }
}
