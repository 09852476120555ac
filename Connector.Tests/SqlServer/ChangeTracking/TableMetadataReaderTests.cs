using Microsoft.SqlServer.TransactSql.ScriptDom;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// The metadata query reads system views the DacFx model does not hold, so the offline proof is its parse and its
/// shape: the type is joined on <c>user_type_id</c>, which every column has (hierarchyid, geometry, geography and
/// alias types have a user_type_id other than their system_type_id, and vanished under the old join).
/// </summary>
public class TableMetadataReaderTests
{
    [Test]
    public void The_query_parses_with_zero_errors() =>
        Assert.That(TSqlScriptParser.Errors(TableMetadataReader.Query), Is.Empty);

    [Test]
    public void The_column_type_is_joined_on_user_type_id_and_an_alias_on_its_system_type()
    {
        var joins = Joins();

        Assert.That(joins["ty"], Is.EqualTo("ty.[user_type_id] = c.[user_type_id]"));
        Assert.That(joins["bt"], Is.EqualTo("bt.[user_type_id] = c.[system_type_id] AND bt.[is_assembly_type] = 0"));
    }

    [Test]
    public void Both_type_joins_are_outer_so_a_type_the_login_cannot_see_keeps_its_column()
    {
        var fragment = TSqlScriptParser.Parse(TableMetadataReader.Query, out _);
        var visitor = new JoinVisitor();
        fragment.Accept(visitor);

        Assert.That(visitor.Kinds["ty"], Is.EqualTo(QualifiedJoinType.LeftOuter));
        Assert.That(visitor.Kinds["bt"], Is.EqualTo(QualifiedJoinType.LeftOuter));
        Assert.That(TableMetadataReader.Query, Does.Contain("N', not visible to the login)'"));
    }

    /// <summary>Each joined table's alias and its ON condition, as written.</summary>
    private static Dictionary<string, string> Joins()
    {
        var fragment = TSqlScriptParser.Parse(TableMetadataReader.Query, out _);
        var visitor = new JoinVisitor();
        fragment.Accept(visitor);
        return visitor.Conditions;
    }

    private sealed class JoinVisitor : TSqlFragmentVisitor
    {
        public Dictionary<string, string> Conditions { get; } = [];

        public Dictionary<string, QualifiedJoinType> Kinds { get; } = [];

        public override void Visit(QualifiedJoin node)
        {
            if (node.SecondTableReference is NamedTableReference { Alias: { } alias } && node.SearchCondition is { } condition)
            {
                Kinds[alias.Value] = node.QualifiedJoinType;
                Conditions[alias.Value] = string.Concat(Enumerable.Range(condition.FirstTokenIndex, condition.LastTokenIndex - condition.FirstTokenIndex + 1)
                    .Select(i => condition.ScriptTokenStream[i].Text));
            }
        }
    }
}
