using Connector.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Tests.Operations;

/// <summary>
/// scripts/sql-setup.sql as sqlcmd runs it (its variables substituted), and what it grants and revokes for one
/// ApplyMode: the GRANT and REVOKE statements on the path SQL Server takes through the IFs that compare two
/// literals (the substituted ApplyMode), and the statement templates of the per-schema loop.
/// </summary>
public static class SqlSetupScript
{
    public static string Text => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "sql-setup.sql"));

    public static string Substituted(string dataSchema = "app", string applyMode = "auto") => Text
        .Replace("$(ConnectorLogin)", "realm_sqlserver", StringComparison.Ordinal)
        .Replace("$(ConnectorPassword)", "Example-Passw0rd", StringComparison.Ordinal)
        .Replace("$(DataSchema)", dataSchema, StringComparison.Ordinal)
        .Replace("$(ApplyMode)", applyMode, StringComparison.Ordinal);

    public static Evaluation Evaluate(string sql)
    {
        var fragment = TSqlScriptParser.Parse(sql, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("sql-setup.sql does not parse: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }

        var evaluation = new Evaluation();
        fragment.Accept(evaluation);
        return evaluation;
    }

    /// <summary>A permission statement: GRANT or REVOKE, one permission, its securable ("(database)" for none), its principal.</summary>
    public sealed record Statement(string Verb, string Name, string On, string Principal)
    {
        public override string ToString() => $"{Verb} {Name} {On} {Principal}";
    }

    public sealed class Evaluation : TSqlFragmentVisitor
    {
        public List<Statement> Permissions { get; } = [];

        /// <summary>The last string literal assigned to each variable on the path taken (DECLARE ... = or SET).</summary>
        public Dictionary<string, string> Literals { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The statements of a template variable, with {schema} replaced by the quoted schema name.</summary>
        public IReadOnlyList<Statement> Expand(string variable, string schema) =>
            Evaluate(Literals[variable].Replace("{schema}", SqlIdentifier.Quote(schema), StringComparison.Ordinal)).Permissions;

        public override void ExplicitVisit(IfStatement node)
        {
            if (node.Predicate is BooleanComparisonExpression { ComparisonType: BooleanComparisonType.Equals, FirstExpression: StringLiteral left, SecondExpression: StringLiteral right })
            {
                (left.Value == right.Value ? node.ThenStatement : node.ElseStatement)?.Accept(this);
                return;
            }

            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(GrantStatement node) => Add("GRANT", node);

        public override void ExplicitVisit(RevokeStatement node) => Add("REVOKE", node);

        public override void ExplicitVisit(DeclareVariableElement node)
        {
            if (node.Value is StringLiteral literal)
            {
                Literals[node.VariableName.Value] = literal.Value;
            }
        }

        public override void ExplicitVisit(SetVariableStatement node)
        {
            if (node.Expression is StringLiteral literal)
            {
                Literals[node.Variable.Name] = literal.Value;
            }
        }

        private void Add(string verb, SecurityStatement node)
        {
            var on = node.SecurityTargetObject?.ObjectName?.MultiPartIdentifier.Identifiers.Single().Value ?? "(database)";
            foreach (var permission in node.Permissions)
            {
                foreach (var principal in node.Principals)
                {
                    Permissions.Add(new(verb, string.Join(" ", permission.Identifiers.Select(i => i.Value.ToUpperInvariant())), on, principal.Identifier.Value));
                }
            }
        }
    }
}
