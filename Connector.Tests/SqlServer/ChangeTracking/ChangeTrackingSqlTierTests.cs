using System.Globalization;
using System.Text;
using Connector.SchemaGeneration;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using Connector.Tests.SqlServer.Schema;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// The offline proof of every statement the poller sends (DESIGN.md section 10): each rendered for every corpus
/// table parses with zero errors, validates inside the DacFx model (as a procedure body) with zero messages, and
/// names only columns that exist, including the columns of CHANGETABLE, which neither DacFx nor
/// <see cref="ColumnReferenceChecker"/> resolves.
/// </summary>
public class ChangeTrackingSqlTierTests
{
    private static readonly string[] ChangeTableOutput =
        ["SYS_CHANGE_VERSION", "SYS_CHANGE_CREATION_VERSION", "SYS_CHANGE_OPERATION", "SYS_CHANGE_COLUMNS", "SYS_CHANGE_CONTEXT"];

    /// <summary>Every corpus schema, mapped for one path and as a partitioned mapping (issue 12), whose reads are of one Realm's rows.</summary>
    public static IEnumerable<TestCaseData> Mappings() => SchemaCorpus.Cases.SelectMany(c => new[] { false, true }.Select(partitioned =>
        new TestCaseData(c.Arguments[0], partitioned).SetArgDisplayNames(Path.GetFileName((string)c.Arguments[0]!), partitioned ? "partitioned" : "one path")));

    [TestCaseSource(nameof(Mappings))]
    public void Every_poller_query_parses_with_zero_errors(string file, bool partitioned)
    {
        var errors = Queries(Map(file, partitioned)).SelectMany(q => TSqlScriptParser.Errors(q.Sql).Select(e => $"{q.Name}: {e}"));

        Assert.That(errors, Is.Empty);
    }

    [TestCaseSource(nameof(Mappings))]
    public void Every_poller_query_validates_inside_the_model_with_zero_messages(string file, bool partitioned)
    {
        var mapping = Map(file, partitioned);
        using var model = SqlModelBuilder.Build(mapping);
        var queries = Queries(mapping).ToList();
        for (var i = 0; i < queries.Count; i++)
        {
            model.AddObjects(Procedure(i, queries[i]));
        }

        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
    }

    [TestCaseSource(nameof(Mappings))]
    public void Every_poller_query_names_only_columns_that_exist(string file, bool partitioned)
    {
        var mapping = Map(file, partitioned);
        using var model = SqlModelBuilder.Build(mapping);
        var checker = new ColumnReferenceChecker(model);
        var problems = Queries(mapping).SelectMany(q => checker.Check(q.Sql)
            .Where(p => !p.Contains("unknown alias 'ct'", StringComparison.Ordinal))
            .Concat(ChangeTableProblems(q))
            .Select(p => $"{q.Name}: {p}"));

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void The_column_check_catches_a_misspelled_change_table_column_and_a_misspelled_table_column()
    {
        var mapping = Map(Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"));
        var person = mapping.Tables.First(t => t.Name == "Person");
        var query = new Query("typo", ChangeTrackingQueries.ClassChanges(person, afterKey: true), person.PrimaryKey[0], "binary(12)");
        using var model = SqlModelBuilder.Build(mapping);

        var ct = ChangeTableProblems(query with { Sql = query.Sql.Replace("ct.[_id]", "ct.[_idd]", StringComparison.Ordinal) });
        var t = new ColumnReferenceChecker(model).Check(query.Sql.Replace("t.[name]", "t.[nmae]", StringComparison.Ordinal));

        Assert.That(ct, Has.Some.Contains("ct.[_idd]"));
        Assert.That(t, Has.Some.Contains("t.[nmae] does not exist"));
    }

    [Test]
    public void The_table_metadata_query_parses_with_zero_errors() =>
        Assert.That(TSqlScriptParser.Errors(TableMetadataReader.Query), Is.Empty);

    /// <summary>It reads sys.change_tracking_tables, which the DacFx model does not hold: it is only parsed.</summary>
    [Test]
    public void The_table_status_query_parses_with_zero_errors() =>
        Assert.That(TSqlScriptParser.Errors(ChangeTrackingQueries.TableStatus), Is.Empty);

    [Test]
    public void The_class_delta_is_the_documented_statement()
    {
        var mapping = Map(Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"));
        var dog = mapping.Tables.First(t => t.Name == "Dog");

        Assert.That(ChangeTrackingQueries.ClassChanges(dog, afterKey: true), Does.StartWith(
            "SELECT TOP (@pageSize) ct.SYS_CHANGE_VERSION, ct.SYS_CHANGE_OPERATION, ct.SYS_CHANGE_CONTEXT, ct.[name], t.[name], ").And.EndWith(
            "FROM CHANGETABLE(CHANGES [app].[Dog], @from) AS ct\n" +
            "LEFT OUTER JOIN [app].[Dog] AS t ON t.[name] = ct.[name]\n" +
            "WHERE (ct.SYS_CHANGE_CONTEXT IS NULL OR ct.SYS_CHANGE_CONTEXT <> @context) AND ct.SYS_CHANGE_VERSION <= @to AND ct.[name] > @afterKey\n" +
            "ORDER BY ct.[name];"));
    }

    [Test]
    public void A_partitioned_class_delta_reads_one_realms_changes_joined_on_the_realm_and_the_key()
    {
        var dog = Map(Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"), partitioned: true).Tables.First(t => t.Name == "Dog");

        Assert.That(ChangeTrackingQueries.ClassChanges(dog, afterKey: true, partitioned: true), Does.EndWith(
            "FROM CHANGETABLE(CHANGES [app].[Dog], @from) AS ct\n" +
            "LEFT OUTER JOIN [app].[Dog] AS t ON t.[_realm_id] = ct.[_realm_id] AND t.[name] = ct.[name]\n" +
            "WHERE (ct.SYS_CHANGE_CONTEXT IS NULL OR ct.SYS_CHANGE_CONTEXT <> @context) AND ct.SYS_CHANGE_VERSION <= @to AND ct.[_realm_id] = @realm AND ct.[name] > @afterKey\n" +
            "ORDER BY ct.[name];"));
        Assert.That(ChangeTrackingQueries.ClassReload(dog, afterKey: false, partitioned: true), Does.EndWith(
            "FROM [app].[Dog] AS t\nWHERE t.[_realm_id] = @realm\nORDER BY t.[name];"));
        Assert.That(ChangeTrackingQueries.ChangedRealms(dog), Is.EqualTo(
            "SELECT DISTINCT ct.[_realm_id]\nFROM CHANGETABLE(CHANGES [app].[Dog], @from) AS ct\n" +
            "WHERE (ct.SYS_CHANGE_CONTEXT IS NULL OR ct.SYS_CHANGE_CONTEXT <> @context) AND ct.SYS_CHANGE_VERSION <= @to;"));
    }

    [Test]
    public void A_partitioned_collection_read_takes_owners_and_elements_of_one_realm_only()
    {
        var mapping = Map(Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"), partitioned: true);
        var owner = mapping.Tables.First(t => t.Name == "Person");
        var child = mapping.Tables.First(t => t.Role != TableRole.Class && t.Name.StartsWith("Person__", StringComparison.Ordinal));

        foreach (var sql in new[] { ChangeTrackingQueries.CollectionChanges(child, owner, false, true), ChangeTrackingQueries.CollectionReload(child, owner, true, true) })
        {
            Assert.That(sql, Does.Contain(" AS p ON p.[_realm_id] = @realm AND p.[_id] = o.[_owner]\n").And.Contain(" AS c ON c.[_realm_id] = @realm AND c.[_owner] = o.[_owner]\n"));
        }

        Assert.That(ChangeTrackingQueries.CollectionChanges(child, owner, false, true), Does.Contain("AND ct.SYS_CHANGE_VERSION <= @to AND ct.[_realm_id] = @realm\n"));
        Assert.That(ChangeTrackingQueries.CollectionReload(child, owner, true, true), Does.Contain("    WHERE p0.[_realm_id] = @realm AND p0.[_id] > @afterKey\n"));
    }

    private const string Pattern = "^/([0-9a-f]+)/private$";

    private static SchemaMapping Map(string file, bool partitioned = false) => partitioned
        ? SchemaMapper.Map(SchemaCorpus.Load(file), Pattern, "app", previous: null, pathPattern: Pattern)
        : SchemaMapper.Map(SchemaCorpus.Load(file), "/corpus", "app");

    /// <summary>Each statement with the table it reads and the type of its <c>@afterKey</c>.</summary>
    private static IEnumerable<Query> Queries(SchemaMapping mapping) => AllQueries(mapping).Select(q => q with { Partitioned = mapping.Partitioned });

    private static IEnumerable<Query> AllQueries(SchemaMapping mapping)
    {
        yield return new Query("current", ChangeTrackingQueries.CurrentVersion, null, "bigint");
        foreach (var (name, sql, declarations) in OutboxStatements.All)
        {
            yield return new Query(name, sql, null, "bigint", declarations);
        }

        var tables = mapping.Tables.ToDictionary(t => t.Name);
        var p = mapping.Partitioned;
        foreach (var mapped in mapping.Classes)
        {
            var table = tables[mapped.Table];
            foreach (var after in new[] { false, true })
            {
                yield return new Query($"{table.Name} changes {after}", ChangeTrackingQueries.ClassChanges(table, after, p), mapped.KeyColumn, mapped.KeySqlType);
                yield return new Query($"{table.Name} reload {after}", ChangeTrackingQueries.ClassReload(table, after, p), null, mapped.KeySqlType);
                foreach (var child in mapped.Properties.Where(p => p.ChildTable is not null).Select(p => tables[p.ChildTable!]))
                {
                    yield return new Query($"{child.Name} changes {after}", ChangeTrackingQueries.CollectionChanges(child, table, after, p), SchemaMapper.OwnerColumn, mapped.KeySqlType);
                    yield return new Query($"{child.Name} reload {after}", ChangeTrackingQueries.CollectionReload(child, table, after, p), null, mapped.KeySqlType);
                }
            }
        }

        foreach (var table in p ? mapping.Tables : [])
        {
            yield return new Query($"{table.Name} changed realms", ChangeTrackingQueries.ChangedRealms(table), null, "int");
        }
    }

    private static string Procedure(int index, Query query)
    {
        var declarations = query.Declarations ??
            $"@from bigint = 0, @to bigint = 0, @context varbinary(128) = 0x00, @pageSize int = 10, @table nvarchar(600) = N'', @realm int = 1, @afterKey {query.KeyType}";
        return new StringBuilder()
            .Append("CREATE PROCEDURE [realmsync].").Append(SqlIdentifier.Quote("check_" + index.ToString(CultureInfo.InvariantCulture)))
            .Append(" AS\nBEGIN\nDECLARE ").Append(declarations).Append(";\n").Append(query.Sql).Append("\nEND")
            .ToString();
    }

    /// <summary>Every <c>ct.column</c> must be a CHANGETABLE column or the table's key.</summary>
    private static List<string> ChangeTableProblems(Query query)
    {
        var fragment = TSqlScriptParser.Parse(query.Sql, out _);
        var visitor = new ChangeTableColumnVisitor();
        fragment.Accept(visitor);
        return [.. visitor.Columns
            .Where(c => !ChangeTableOutput.Contains(c) && c != query.ChangeTableKey && !(query.Partitioned && c == SchemaMapper.RealmColumn))
            .Select(c => $"ct.[{c}] is not a CHANGETABLE column of this table")];
    }

    /// <param name="Partitioned">A read of a partitioned mapping's table, whose CHANGETABLE key leads with <see cref="SchemaMapper.RealmColumn"/>.</param>
    private sealed record Query(string Name, string Sql, string? ChangeTableKey, string KeyType, string? Declarations = null, bool Partitioned = false);

    private sealed class ChangeTableColumnVisitor : TSqlFragmentVisitor
    {
        public List<string> Columns { get; } = [];

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier?.Identifiers is { Count: 2 } parts && parts[0].Value == "ct")
            {
                Columns.Add(parts[1].Value);
            }
        }
    }
}
