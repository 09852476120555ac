using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Tests.SqlServer.Schema;

/// <summary>
/// The delete procedure deletes embedded objects at any depth without calling another procedure: a nested call
/// per level would stop at SQL Server's nesting limit of 32 (Msg 217) on a deep embedded tree.
/// </summary>
public class EmbeddedDeleteTests
{
    public static IEnumerable<TestCaseData> Mappings =>
        SchemaCorpus.Files.Select(f => new TestCaseData(SchemaMapper.Map(SchemaCorpus.Load(f), "/corpus", "app")).SetArgDisplayNames(Path.GetFileName(f)))
            .Append(new TestCaseData(EmbeddedSchemas.Cyclic).SetArgDisplayNames("cyclic (built in code)"));

    private static string Routine(SchemaMapping mapping, string suffix) =>
        ApplierRoutineScripts.Write(mapping).Single(s => s.StartsWith($"CREATE PROCEDURE [realmsync].[app.{suffix}]", StringComparison.Ordinal));

    [TestCaseSource(nameof(Mappings))]
    public void Only_a_clear_procedure_calls_a_procedure_and_only_its_own_class_delete(SchemaMapping mapping)
    {
        var calls = new List<string>();
        foreach (var script in ApplierRoutineScripts.Write(mapping))
        {
            var visitor = new StatementVisitor();
            TSqlScriptParser.Parse(script, out _).Accept(visitor);
            calls.AddRange(visitor.Calls.Select(called => $"{visitor.Procedure} calls {called}"));
        }

        var expected = ApplierObjects.Name(mapping).Classes.Values.Select(r => $"{r.Clear} calls {r.Delete}");
        Assert.That(calls, Is.EquivalentTo(expected), "the deepest call is $clear calling $delete: nesting level 2 of 32");
    }

    [TestCaseSource(nameof(Mappings))]
    public void Every_table_change_of_every_routine_carries_the_connectors_change_tracking_context(SchemaMapping mapping)
    {
        var untracked = new List<string>();
        foreach (var script in ApplierRoutineScripts.Write(mapping))
        {
            var visitor = new StatementVisitor();
            TSqlScriptParser.Parse(script, out _).Accept(visitor);
            untracked.AddRange(visitor.UntrackedTableChanges.Select(line => $"{visitor.Procedure}: {line}"));
            if (visitor.Procedure?.EndsWith("$delete", StringComparison.Ordinal) == true)
            {
                Assert.That(visitor.TableChanges, Is.GreaterThan(0), visitor.Procedure);
            }
        }

        Assert.That(untracked, Is.Empty);
    }

    [Test]
    public void A_schema_with_embedded_cycles_validates_with_zero_messages_and_names_only_columns_that_exist()
    {
        var mapping = EmbeddedSchemas.Cyclic;
        using var model = SqlModelBuilder.Build(mapping);

        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
        Assert.That(ApplierRoutineScripts.Write(mapping).SelectMany(new ColumnReferenceChecker(model).Check), Is.Empty);
    }

    [Test]
    public void A_forty_deep_chain_is_gathered_level_by_level_in_one_pass()
    {
        var delete = Routine(EmbeddedSchemas.Deep, "Root$delete");

        Assert.That(delete, Does.Not.Contain("WHILE"));
        Assert.That(delete, Does.Contain(
            "INSERT INTO @embedded40 ([key])\n" +
            "SELECT DISTINCT e1.[child] FROM [app].[Level39] AS e1 WHERE e1.[child] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @embedded39 AS k);\n"));
        Assert.That(delete, Does.Contain(
            "WITH CHANGE_TRACKING_CONTEXT (@context)\nDELETE c FROM [app].[Level40__notes] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded40 AS k);\n" +
            "WITH CHANGE_TRACKING_CONTEXT (@context)\nDELETE t FROM [app].[Level40] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded40 AS k);"));
    }

    [Test]
    public void An_embedded_class_with_two_owners_is_gathered_from_both_in_one_statement()
    {
        var delete = Routine(EmbeddedSchemas.Deep, "Root$delete");

        Assert.That(delete, Does.Contain(
            "INSERT INTO @embedded43 ([key])\n" +
            "SELECT e1.[detail] FROM [app].[Item] AS e1 WHERE e1.[detail] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @embedded41 AS k)\n" +
            "UNION\n" +
            "SELECT e2.[detail] FROM [app].[Part] AS e2 WHERE e2.[detail] IS NOT NULL AND e2.[_realm_object_id] IN (SELECT k.[key] FROM @embedded42 AS k);\n"));
        Assert.That(delete, Does.Contain(
            "INSERT INTO @embedded41 ([key])\n" +
            "SELECT e1.[_target] FROM [app].[Root__items] AS e1 WHERE e1.[_target] IS NOT NULL AND e1.[_owner] IN (SELECT k.[key] FROM @keys AS k)\n" +
            "UNION\n" +
            "SELECT e2.[_target] FROM [app].[Root__itemsByName] AS e2 WHERE e2.[_target] IS NOT NULL AND e2.[_owner] IN (SELECT k.[key] FROM @keys AS k);\n"));
    }

    [Test]
    public void With_an_embedded_cycle_the_keys_are_gathered_in_passes_until_one_finds_nothing_new()
    {
        var delete = Routine(EmbeddedSchemas.Cyclic, "Tree$delete");

        Assert.That(delete, Does.Contain(
            "DECLARE @found int = 1;\nWHILE @found > 0\nBEGIN\n    SET @found = 0;\n    INSERT INTO @embedded1 ([key])\n"));
        Assert.That(delete, Does.Contain(
            "    SELECT e5.[back] FROM [app].[Twig] AS e5 WHERE e5.[back] IS NOT NULL AND e5.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k)\n" +
            "    EXCEPT\n    SELECT f.[key] FROM @embedded1 AS f;\n    SET @found += @@ROWCOUNT;\n"));
        Assert.That(delete, Does.Contain("    SET @found += @@ROWCOUNT;\nEND\n"));
        var inserts = new InsertCollector();
        TSqlScriptParser.Parse(delete, out _).Accept(inserts);
        Assert.That(inserts.Sources.Select(q => (q as BinaryQueryExpression)?.BinaryQueryExpressionType), Has.All.EqualTo(BinaryQueryExpressionType.Except),
            "EXCEPT applies to the whole UNION of sources, not to its last one");
    }

    [Test]
    public void The_delete_procedures_of_a_schema_with_embedded_chains_and_cycles_match_the_approved_file() =>
        Approval.Verify("embedded.delete.sql", string.Join("GO\n", ApplierRoutineScripts.Write(EmbeddedSchemas.Cyclic).Where(s => s.Contains("$delete]\n", StringComparison.Ordinal)
            && s.StartsWith("CREATE PROCEDURE", StringComparison.Ordinal))));

    /// <summary>The procedure a script creates, the procedures it calls, and its INSERT, UPDATE and DELETE of tables (not table variables).</summary>
    private sealed class StatementVisitor : TSqlFragmentVisitor
    {
        public string? Procedure { get; private set; }

        public List<string> Calls { get; } = [];

        public int TableChanges { get; private set; }

        public List<string> UntrackedTableChanges { get; } = [];

        public override void Visit(CreateProcedureStatement node) => Procedure = Name(node.ProcedureReference.Name);

        public override void Visit(ExecutableProcedureReference node) => Calls.Add(Name(node.ProcedureReference.ProcedureReference.Name));

        public override void Visit(InsertStatement node) => Check(node, node.InsertSpecification.Target);

        public override void Visit(UpdateStatement node) => Check(node, node.UpdateSpecification.Target);

        public override void Visit(DeleteStatement node) => Check(node, node.DeleteSpecification.Target);

        private static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;

        /// <summary>A change of a table variable is not tracked; every other target (a table, or the alias of one) is.</summary>
        private void Check(DataModificationStatement statement, TableReference target)
        {
            if (target is VariableTableReference)
            {
                return;
            }

            TableChanges++;
            if (statement.WithCtesAndXmlNamespaces?.ChangeTrackingContext is null)
            {
                UntrackedTableChanges.Add($"line {statement.StartLine}");
            }
        }
    }

    private sealed class InsertCollector : TSqlFragmentVisitor
    {
        public List<QueryExpression> Sources { get; } = [];

        public override void Visit(InsertStatement node)
        {
            if (node.InsertSpecification.InsertSource is SelectInsertSource select)
            {
                Sources.Add(select.Select);
            }
        }
    }
}
