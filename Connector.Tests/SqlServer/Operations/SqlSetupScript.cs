using Microsoft.SqlServer.TransactSql.ScriptDom;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// scripts/sql-setup.sql as sqlcmd runs it (its variables substituted), and what it does for one set of values:
/// the GRANT and REVOKE statements, the RAISERROR messages and the PRINTed literals on the path SQL Server takes
/// through the IFs whose predicates are decided by literals alone (the substituted variables: comparisons,
/// IN lists, CHARINDEX, AND, OR), and the statement templates of the catalog loops. An IF the literals do not
/// decide (it reads the database) is followed into both branches.
/// </summary>
public static class SqlSetupScript
{
    public const string Login = "realm_sqlserver";

    public static string Text => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "sql-setup.sql"));

    public static string Substituted(string dataSchema = "app", string applyMode = "auto", string login = Login, string password = "Example-Passw0rd") =>
        SqlCmdScript.SqlSetup(login, password, dataSchema, applyMode);

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

    /// <summary>A permission statement: GRANT or REVOKE, one permission, its securable ("(database)" for none; a table quoted), its principal.</summary>
    public sealed record Statement(string Verb, string Name, string On, string Principal)
    {
        public override string ToString() => $"{Verb} {Name} {On} {Principal}";
    }

    public sealed class Evaluation : TSqlFragmentVisitor
    {
        public List<Statement> Permissions { get; } = [];

        /// <summary>The message (first argument) of each RAISERROR on the path.</summary>
        public List<string> Errors { get; } = [];

        /// <summary>The string literals of each PRINT on the path, joined.</summary>
        public List<string> Prints { get; } = [];

        /// <summary>The last string literal assigned to each variable on the path taken (DECLARE ... = or SET).</summary>
        public Dictionary<string, string> Literals { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The statements of a template variable, with <paramref name="placeholder"/> ({schema}, {table}) replaced by <paramref name="quoted"/>.</summary>
        public IReadOnlyList<Statement> Expand(string variable, string placeholder, string quoted) =>
            Evaluate(Literals[variable].Replace(placeholder, quoted, StringComparison.Ordinal)).Permissions;

        /// <summary>A schema template, {schema} replaced by the quoted schema name.</summary>
        public IReadOnlyList<Statement> Expand(string variable, string schema) => Expand(variable, "{schema}", SqlIdentifier.Quote(schema));

        public override void ExplicitVisit(IfStatement node)
        {
            switch (Predicate.Decide(node.Predicate))
            {
                case true:
                    node.ThenStatement.Accept(this);
                    break;
                case false:
                    node.ElseStatement?.Accept(this);
                    break;
                default:
                    base.ExplicitVisit(node);
                    break;
            }
        }

        public override void ExplicitVisit(GrantStatement node) => Add("GRANT", node);

        public override void ExplicitVisit(RevokeStatement node) => Add("REVOKE", node);

        public override void ExplicitVisit(RaiseErrorStatement node)
        {
            if (node.FirstParameter is StringLiteral message)
            {
                Errors.Add(message.Value);
            }
        }

        public override void ExplicitVisit(PrintStatement node) => Prints.Add(string.Concat(Literal.StringsOf(node.Expression)));

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
            var parts = node.SecurityTargetObject?.ObjectName?.MultiPartIdentifier.Identifiers.Select(i => i.Value).ToList();
            var on = parts switch
            {
                null => "(database)",
                [var schema] => schema,
                [var schema, var table] => SqlIdentifier.Quote(schema, table),
                _ => throw new InvalidOperationException("a securable of three parts"),
            };
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
