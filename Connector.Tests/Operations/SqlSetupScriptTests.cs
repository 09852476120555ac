using System.Text.RegularExpressions;
using Connector.Operations;
using Connector.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Tests.Operations;

/// <summary>scripts/sql-setup.sql: parses once its sqlcmd variables are set, and grants exactly <see cref="RequiredPermissions"/>.</summary>
public class SqlSetupScriptTests
{
    private static string Script => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "sql-setup.sql"));

    private static string Substituted(string schema = "app") => Script
        .Replace("$(ConnectorLogin)", "realm_sqlserver", StringComparison.Ordinal)
        .Replace("$(ConnectorPassword)", "Example-Passw0rd", StringComparison.Ordinal)
        .Replace("$(DataSchema)", schema, StringComparison.Ordinal);

    [Test]
    public void It_uses_exactly_three_sqlcmd_variables() =>
        Assert.That(Regex.Matches(Script, @"\$\((\w+)\)").Select(m => m.Groups[1].Value).Distinct().Order(),
            Is.EqualTo(new[] { "ConnectorLogin", "ConnectorPassword", "DataSchema" }));

    [TestCase("dbo")]
    [TestCase("app")]
    public void It_parses_once_the_variables_are_set(string schema) =>
        Assert.That(TSqlScriptParser.Errors(Substituted(schema)), Is.Empty);

    [Test]
    public void It_grants_the_role_exactly_what_the_connector_checks_for()
    {
        var fragment = TSqlScriptParser.Parse(Substituted(), out _);
        var grants = new GrantCollector();
        fragment.Accept(grants);

        var expected = RequiredPermissions.For("app").Select(r => $"{r.Permission} {r.Securable ?? "(database)"}").Order().ToList();
        Assert.That(grants.Granted.Order().ToList(), Is.EqualTo(expected));
        Assert.That(grants.Principals.Distinct(), Is.EqualTo(new[] { RequiredPermissions.Role }));
    }

    [Test]
    public void It_changes_no_database_setting_but_the_two_the_connector_owns()
    {
        var settings = Regex.Matches(Script, @"ALTER DATABASE CURRENT SET (\w+)").Select(m => m.Groups[1].Value);

        Assert.That(settings, Is.EqualTo(new[] { "CHANGE_TRACKING", "ALLOW_SNAPSHOT_ISOLATION" }));
    }

    private sealed class GrantCollector : TSqlFragmentVisitor
    {
        public List<string> Granted { get; } = [];
        public List<string> Principals { get; } = [];

        public override void ExplicitVisit(GrantStatement node)
        {
            var on = node.SecurityTargetObject?.ObjectName?.MultiPartIdentifier.Identifiers.Single().Value ?? "(database)";
            foreach (var permission in node.Permissions)
            {
                Granted.Add(string.Join(" ", permission.Identifiers.Select(i => i.Value.ToUpperInvariant())) + " " + on);
            }

            Principals.AddRange(node.Principals.Select(p => p.Identifier.Value));
        }
    }
}
