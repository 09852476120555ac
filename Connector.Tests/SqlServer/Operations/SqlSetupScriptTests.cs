using System.Text.RegularExpressions;
using Connector.Configuration;
using Connector.SchemaGeneration;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using static Connector.Tests.SqlServer.Operations.SqlSetupScript;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// scripts/sql-setup.sql: parses once its sqlcmd variables are set, and grants exactly <see cref="RequiredPermissions"/>
/// for each ApplyMode (revoking, under script, what only auto needs), on the catalog, the data schema and, through its
/// templates, every other realm-first schema and every SQL-first table the catalog maps (never a SQL-first schema);
/// it hands realmsync to realmsync_owner before granting. <see cref="SqlSetupGuardTests"/> covers its guards.
/// </summary>
public class SqlSetupScriptTests
{
    private const string Role = RequiredPermissions.Role;

    // Another realm-first path's schema, a partitioned mapping's schema and a SQL-first path's table, as realmsync.MappedRealm
    // and MappedClass would list them.
    private static readonly MappedSchemas Mapped = MappedSchemas.From("app",
        [("other", MappedSchemas.RealmFirst, null), ("part", MappedSchemas.Partitioned, null), ("legacy", MappedSchemas.SqlFirst, "Orders")], []);

    // The per-Realm views' schema of the partitioned mapping "part".
    private const string PartViews = "part" + SchemaMapper.ScopeSchemaSuffix;

    private const string LegacyOrders = "[legacy].[Orders]";

    [Test]
    public void It_uses_exactly_four_sqlcmd_variables() =>
        Assert.That(Regex.Matches(Text, @"\$\((\w+)\)").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "ApplyMode", "ConnectorLogin", "ConnectorPassword", "DataSchema" }));

    [Test]
    public void It_has_no_sqlcmd_commands_so_that_it_runs_batch_by_batch_without_sqlcmd() =>
        Assert.That(Regex.Matches(Text, @"(?m)^\s*:\w+").Select(m => m.Value.Trim()), Is.Empty);

    [TestCase("dbo", "auto")]
    [TestCase("app", "auto")]
    [TestCase("dbo", "script")]
    [TestCase("my schema", "script")]
    public void It_parses_once_the_variables_are_set(string schema, string applyMode) =>
        Assert.That(TSqlScriptParser.Errors(Substituted(schema, applyMode)), Is.Empty);

    [TestCase(SchemaOptions.Auto)]
    [TestCase(SchemaOptions.Script)]
    public void It_grants_the_role_exactly_what_the_connector_checks_for_in_the_apply_mode(string applyMode)
    {
        var script = Evaluate(Substituted("app", applyMode));
        var granted = script.Permissions.Concat(Templates(script))
            .Where(p => p.Verb == "GRANT").Select(p => $"{p.Name} {p.On}");

        Assert.That(granted.Order(StringComparer.Ordinal), Is.EqualTo(Names(RequiredPermissions.For(applyMode, Mapped))));
        Assert.That(script.Permissions.Select(p => p.Principal).Distinct(), Is.EqualTo(new[] { Role }));
    }

    [Test]
    public void Under_script_it_revokes_exactly_what_only_auto_needs()
    {
        var script = Evaluate(Substituted("app", SchemaOptions.Script));
        var revoked = script.Permissions.Concat(Templates(script))
            .Where(p => p.Verb == "REVOKE").Select(p => $"{p.Name} {p.On}");
        var autoOnly = Names(RequiredPermissions.For(SchemaOptions.Auto, Mapped)).Except(Names(RequiredPermissions.For(SchemaOptions.Script, Mapped)));

        Assert.That(revoked.Order(StringComparer.Ordinal), Is.EqualTo(autoOnly));
        Assert.That(autoOnly, Is.SupersetOf(new[] { "ALTER realmsync", "REFERENCES realmsync", "ALTER app", "ALTER other", "ALTER part", $"ALTER {PartViews}", "CREATE PROCEDURE (database)", "CREATE VIEW (database)" }));
    }

    [Test]
    public void Under_auto_it_revokes_nothing_and_grants_references_on_the_table_types()
    {
        var script = Evaluate(Substituted("app", SchemaOptions.Auto));

        Assert.That(script.Permissions.Concat(Templates(script)).Where(p => p.Verb != "GRANT"), Is.Empty);
        Assert.That(script.Permissions.Select(p => $"{p.Verb} {p.Name} {p.On}"), Does.Contain("GRANT REFERENCES realmsync"));
    }

    [Test]
    public void It_hands_realmsync_to_a_user_without_login_before_it_grants_on_it()
    {
        var fragment = TSqlScriptParser.Parse(Substituted(), out _);
        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).SelectMany(Flatten).ToList();

        var owner = statements.OfType<CreateUserStatement>().Single(u => u.Name.Value == RequiredPermissions.SchemaOwner);
        var transfer = statements.OfType<AlterAuthorizationStatement>().Single();
        var firstGrant = statements.OfType<GrantStatement>().First(g => g.SecurityTargetObject?.ObjectName?.MultiPartIdentifier.Identifiers.Single().Value == "realmsync");
        Assert.That(owner.UserLoginOption?.UserLoginOptionType, Is.EqualTo(UserLoginOptionType.WithoutLogin));
        Assert.That((transfer.SecurityTargetObject.ObjectKind, transfer.SecurityTargetObject.ObjectName.MultiPartIdentifier.Identifiers.Single().Value, transfer.PrincipalName.Value),
            Is.EqualTo((SecurityObjectKind.Schema, "realmsync", RequiredPermissions.SchemaOwner)));
        Assert.That(transfer.StartOffset, Is.LessThan(firstGrant.StartOffset), "transferring a schema drops the permissions granted on it");
    }

    [TestCase(SchemaOptions.Auto)]
    [TestCase(SchemaOptions.Script)]
    public void A_schema_only_sql_first_paths_map_gets_no_schema_level_grant_and_loses_what_an_earlier_version_gave(string applyMode)
    {
        var script = Evaluate(Substituted("app", applyMode));
        var onLegacy = script.Permissions.Concat(script.Expand("@unread", "legacy")).Concat(script.Expand("@read", "{table}", LegacyOrders))
            .Where(p => p.On.StartsWith("legacy", StringComparison.Ordinal) || p.On.StartsWith("[legacy]", StringComparison.Ordinal)).Select(p => p.ToString());

        Assert.That(onLegacy, Is.EqualTo(new[]
        {
            $"REVOKE SELECT legacy {Role}", $"REVOKE VIEW CHANGE TRACKING legacy {Role}",
            $"GRANT SELECT {LegacyOrders} {Role}", $"GRANT VIEW CHANGE TRACKING {LegacyOrders} {Role}",
        }));
    }

    [Test]
    public void The_sql_first_tables_granted_are_those_of_mapped_class_for_sql_first_paths()
    {
        var (select, text) = Cursor("tables");

        Assert.That(Tables(select), Is.EquivalentTo(new[] { "realmsync.MappedClass", "realmsync.MappedRealm" }));
        Assert.That(text, Does.Contain("r.[MappingMode] = 'sql-first'").And.Contain("QUOTENAME(r.[SqlSchema]) + N'.' + QUOTENAME(c.[SqlTable])"));
    }

    [TestCase(SchemaOptions.Auto)]
    [TestCase(SchemaOptions.Script)]
    public void In_both_modes_it_warns_of_tables_the_schema_level_grants_reach_that_the_catalog_does_not_map(string applyMode) =>
        Assert.That(Evaluate(Substituted("app", applyMode)).Prints, Has.One.StartsWith("Warning: the role's schema-level grants (SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING")
            .And.Contains("which the catalog does not map and are not the connector's"));

    [Test]
    public void It_warns_when_the_data_schema_gives_the_role_another_owners_chain_and_gives_the_advice_that_works()
    {
        var warning = Evaluate(Substituted("dbo")).Prints.Single(p => p.StartsWith("Warning: the data schema [dbo] is owned by ", StringComparison.Ordinal));

        Assert.That(warning, Does.Contain("ownership chaining").And.Contain("ALTER AUTHORIZATION ON SCHEMA::[dbo] TO [realmsync_owner]; and run this script again"));
        // realmsync_owner exists only once this script ran, and deploy.sql creates the schema (AUTHORIZATION [dbo]).
        Assert.That(Text, Does.Not.Contain("AUTHORIZATION [realmsync_owner] before"));
        Assert.That(Evaluate(Substituted("dbo", SchemaOptions.Script)).Prints, Has.None.StartsWith("Warning: the data schema"));
    }

    [Test]
    public void It_changes_no_database_setting_but_the_two_the_connector_owns()
    {
        var settings = Regex.Matches(Text, @"ALTER DATABASE CURRENT SET (\w+)").Select(m => m.Groups[1].Value);

        Assert.That(settings, Is.EqualTo(new[] { "CHANGE_TRACKING", "ALLOW_SNAPSHOT_ISOLATION" }));
    }

    [Test]
    public void A_partitioned_mapping_is_granted_its_schema_as_a_written_one_and_its_views_schema_without_change_tracking()
    {
        var (mapped, mappedText) = Cursor("mapped");
        var (scopes, scopesText) = Cursor("scopes");
        var views = Evaluate(Substituted("app", SchemaOptions.Auto)).Expand("@views", PartViews).Select(p => p.ToString());

        Assert.That(mappedText, Does.Contain("r.[MappingMode] IN ('realm-first', 'partitioned') THEN 1").And.Contain("r.[MappingMode] <> 'partition'"));
        Assert.That(Tables(mapped).Concat(Tables(scopes)), Is.EqualTo(new[] { "realmsync.MappedRealm", "realmsync.MappedRealm" }));
        Assert.That(scopesText, Does.Contain($"r.[SqlSchema] + N'{SchemaMapper.ScopeSchemaSuffix}'").And.Contain("r.[MappingMode] = 'partitioned'"));
        Assert.That(views, Is.EqualTo(new[] { "SELECT", "INSERT", "UPDATE", "DELETE" }.Select(p => $"GRANT {p} {PartViews} {Role}")));
    }

    [Test]
    public void Create_view_is_granted_under_auto_only_when_the_catalog_holds_a_partitioned_mapping()
    {
        var fragment = TSqlScriptParser.Parse(Substituted("app", SchemaOptions.Auto), out _);
        var grant = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).SelectMany(Flatten).OfType<IfStatement>()
            .Single(i => i.ThenStatement is GrantStatement g && g.Permissions.Single().Identifiers.Select(x => x.Value).SequenceEqual(["CREATE", "VIEW"]));
        var text = Substituted("app", SchemaOptions.Auto).Substring(grant.Predicate.StartOffset, grant.Predicate.FragmentLength);

        Assert.That(grant.Predicate, Is.InstanceOf<ExistsPredicate>());
        Assert.That(text, Is.EqualTo("(SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[MappingMode] = 'partitioned')"));
        Assert.That(Names(RequiredPermissions.For(SchemaOptions.Auto, MappedSchemas.Of("app"))), Does.Not.Contain("CREATE VIEW (database)"));
    }

    [TestCase(SchemaOptions.Auto, 1)]
    [TestCase(SchemaOptions.Script, 0)]
    public void Under_auto_it_warns_when_a_views_schema_gives_the_role_another_owners_chain(string applyMode, int warnings) =>
        Assert.That(Evaluate(Substituted("app", applyMode)).Prints.Count(p => p.StartsWith("Warning: the per-Realm view schemas ", StringComparison.Ordinal) &&
            p.Contains("ALTER AUTHORIZATION ON SCHEMA::[<schema>_realm] TO [realmsync_owner]; and run this script again", StringComparison.Ordinal)), Is.EqualTo(warnings));

    // What the catalog loops grant or revoke for Mapped: the templates expanded for its schemas and its SQL-first table.
    private static IEnumerable<Statement> Templates(Evaluation script) =>
        script.Expand("@write", "other").Concat(script.Expand("@alter", "other"))
            .Concat(script.Expand("@write", "part")).Concat(script.Expand("@alter", "part"))
            .Concat(script.Expand("@views", PartViews)).Concat(script.Expand("@alter", PartViews))
            .Concat(script.Expand("@read", "{table}", LegacyOrders));

    // The SELECT of a cursor of the script.
    private static (QuerySpecification Select, string Text) Cursor(string name)
    {
        var sql = Substituted();
        var fragment = TSqlScriptParser.Parse(sql, out _);
        var cursor = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).OfType<DeclareCursorStatement>().Single(c => c.Name.Value == name);
        var select = (QuerySpecification)cursor.CursorDefinition.Select.QueryExpression;
        return (select, sql.Substring(select.StartOffset, select.FragmentLength));
    }

    private static IEnumerable<string> Tables(QuerySpecification select) =>
        select.FromClause.TableReferences.SelectMany(Named).Select(t => string.Join(".", t.SchemaObject.Identifiers.Select(i => i.Value)));

    private static IEnumerable<NamedTableReference> Named(TableReference reference) => reference switch
    {
        NamedTableReference n => [n],
        JoinTableReference j => Named(j.FirstTableReference).Concat(Named(j.SecondTableReference)),
        _ => [],
    };

    private static List<string> Names(IEnumerable<PermissionRequirement> requirements) =>
        [.. requirements.Select(r => $"{r.Permission} {r.Securable ?? "(database)"}").Order(StringComparer.Ordinal)];

    // The statements inside IF ... BEGIN ... END blocks too, in text order.
    private static IEnumerable<TSqlStatement> Flatten(TSqlStatement statement) => statement switch
    {
        IfStatement i => new[] { i.ThenStatement, i.ElseStatement }.OfType<TSqlStatement>().SelectMany(Flatten).Prepend(i),
        BeginEndBlockStatement b => b.StatementList.Statements.SelectMany(Flatten),
        _ => [statement],
    };
}
