using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Schema;

/// <summary>
/// ScriptDom checks that reach where DacFx validation does not: the columns an INSERT names (DacFx never sees
/// deploy.sql's catalog rows) must exist in the model, and which tables a script creates and tracks.
/// </summary>
public sealed class ScriptInspector : TSqlFragmentVisitor
{
    private ScriptInspector()
    {
    }

    public List<(string Table, List<string> Columns)> Inserts { get; } = [];

    public List<string> CreatedTables { get; } = [];

    public List<string> TrackedTables { get; } = [];

    public static ScriptInspector Inspect(string sql)
    {
        var fragment = TSqlScriptParser.Parse(sql, out var errors);
        Assert.That(errors.Select(e => $"line {e.Line}: {e.Message}"), Is.Empty, "parse errors");
        var inspector = new ScriptInspector();
        fragment.Accept(inspector);
        return inspector;
    }

    /// <summary>Column names per table (<c>schema.table</c>, as written) of every user table in the model.</summary>
    public static Dictionary<string, HashSet<string>> ModelColumns(TSqlModel model) =>
        model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table).ToDictionary(
            t => $"{t.Name.Parts[0]}.{t.Name.Parts[1]}",
            t => t.GetReferenced(Table.Columns).Select(c => c.Name.Parts[2]).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    public override void Visit(InsertStatement node)
    {
        var spec = node.InsertSpecification;
        if (spec.Target is NamedTableReference target)
        {
            Inserts.Add((Name(target.SchemaObject), spec.Columns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).ToList()));
        }
    }

    public override void Visit(CreateTableStatement node) => CreatedTables.Add(Name(node.SchemaObjectName));

    public override void Visit(AlterTableChangeTrackingModificationStatement node)
    {
        if (node.IsEnable)
        {
            TrackedTables.Add(Name(node.SchemaObjectName));
        }
    }

    private static string Name(SchemaObjectName name) => $"{name.SchemaIdentifier.Value}.{name.BaseIdentifier.Value}";
}
