using Microsoft.SqlServer.TransactSql.ScriptDom;
using static Connector.Tests.SqlServer.Operations.SqlSetupScript;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// scripts/sql-setup.sql before it grants: it runs on SQL Server 2016 (no later function), it refuses a sqlcmd
/// value that would break out of its [brackets] or N'quotes' naming the variable, and it finds the login's user by
/// SID (refusing the database owner) rather than by the login's name.
/// </summary>
public class SqlSetupGuardTests
{
    private static readonly string[] Variables = ["ConnectorLogin", "ConnectorPassword", "DataSchema", "ApplyMode"];

    [Test]
    public void It_and_the_operations_queries_call_no_function_newer_than_sql_server_2016()
    {
        var calls = Sql2016.LaterFunctions(Substituted("app", "auto")).Concat(Sql2016.LaterFunctions(Substituted("dbo", "script")))
            .Concat(OperationsSql.All.SelectMany(q => Sql2016.LaterFunctions(q.Sql)));

        Assert.That(calls, Is.Empty);
    }

    [Test]
    public void The_version_check_finds_each_function_sql_server_2016_lacks() =>
        Assert.That(Sql2016.LaterFunctions("""
            SELECT STRING_AGG(o.[name], N', ') WITHIN GROUP (ORDER BY o.[name]), TRIM(N' a '), CONCAT_WS(N',', 1, 2), TRANSLATE(N'a', N'a', N'b'),
                GREATEST(1, 2), LEAST(1, 2), s.[value]
            FROM sys.objects AS o CROSS APPLY STRING_SPLIT(N'a,b', N',', 1) AS s CROSS APPLY STRING_SPLIT(N'a,b', N',') AS t;
            """), Is.EquivalentTo(new[] { "STRING_AGG", "TRIM", "CONCAT_WS", "TRANSLATE", "GREATEST", "LEAST", "STRING_SPLIT with enable_ordinal" }));

    [TestCase("ConnectorLogin", "realm]sqlserver")]
    [TestCase("ConnectorLogin", "realm\"sqlserver")]
    [TestCase("ConnectorLogin", "")]
    [TestCase("ConnectorLogin", "o''brien")]
    [TestCase("ConnectorPassword", "Pa''ssw0rd")]
    [TestCase("DataSchema", "app]")]
    [TestCase("DataSchema", "a\"pp")]
    [TestCase("DataSchema", "")]
    [TestCase("DataSchema", "o''app")]
    [TestCase("ApplyMode", "sometimes")]
    public void A_value_that_would_break_out_of_its_brackets_stops_the_script_naming_the_variable(string variable, string value)
    {
        // The value breaks the [brackets] of later batches, which then do not compile: by then the guard has set NOEXEC ON.
        var guard = SqlBatches.Split(With(variable, value)).Single(b => b.Contains(GuardInsert(variable), StringComparison.Ordinal));
        var script = Evaluate(guard);

        Assert.That(script.Errors.Where(e => Variables.Any(v => e.StartsWith(v, StringComparison.Ordinal))), Has.One.StartsWith(variable + " must "));
    }

    [Test]
    public void Good_values_pass_every_guard() =>
        Assert.That(Evaluate(Substituted("my schema", "script", "DOMAIN\\svc-realm sync")).Errors.Where(e => Variables.Any(v => e.StartsWith(v, StringComparison.Ordinal))), Is.Empty);

    [TestCase("ConnectorLogin", "o'brien")]
    [TestCase("ConnectorPassword", "Pa'ssw0rd")]
    [TestCase("DataSchema", "o'app")]
    [TestCase("ApplyMode", "au'to")]
    public void A_single_quote_breaks_only_its_own_guard_batch_and_the_next_batch_names_the_variable(string variable, string value)
    {
        var batches = SqlBatches.Split(With(variable, value));
        var broken = batches.Select((b, i) => (i, TSqlScriptParser.Errors(b).Count > 0)).Where(b => b.Item2).Select(b => b.i).ToList();
        var guard = batches.ToList().FindIndex(b => b.Contains(GuardInsert(variable), StringComparison.Ordinal));
        var check = batches.ToList().FindIndex(b => b.Contains("did not compile", StringComparison.Ordinal));

        Assert.That(broken.First(), Is.EqualTo(guard), "the first batch that does not compile is the variable's guard");
        Assert.That(check, Is.GreaterThan(guard));
        Assert.That(broken, Has.None.InRange(guard + 1, check), "the batches up to the check compile");
        Assert.That(batches[check], Does.Contain($"(N'{variable}')").And.Contain("SET NOEXEC ON").And.Not.Contain("$("));
    }

    [Test]
    public void Each_guard_batch_reads_one_variable_and_the_check_lists_them_all()
    {
        var batches = SqlBatches.Split(Text);
        var guards = Variables.Select(v => batches.Single(b => b.Contains(GuardInsert(v), StringComparison.Ordinal))).ToList();

        Assert.That(guards.Select(SqlCmdVariables), Is.EqualTo(Variables.Select(v => new[] { v })));
        Assert.That(SqlCmdVariables(batches.Single(b => b.Contains("did not compile", StringComparison.Ordinal))), Is.Empty);
        Assert.That(batches.Select(SqlCmdVariables).TakeWhile(v => v.Length == 0).Count(), Is.EqualTo(1), "only the batch that creates #realmsync_setup comes before the guards");
    }

    [Test]
    public void The_login_is_never_looked_up_in_the_database_by_its_name_except_to_name_a_clashing_user()
    {
        var calls = new FunctionCalls();
        TSqlScriptParser.Parse(Substituted(), out _).Accept(calls);

        var withLogin = calls.Calls.Where(c => c.Literals.Contains(Login)).Select(c => c.Name).Distinct().Order(StringComparer.Ordinal);
        Assert.That(withLogin, Is.EqualTo(new[] { "CHARINDEX", "DATABASE_PRINCIPAL_ID", "IS_SRVROLEMEMBER", "SUSER_ID", "SUSER_SID" }));
        Assert.That(calls.Calls.Where(c => c.Name == "DATABASE_PRINCIPAL_ID" && c.Literals.Contains(Login)), Has.Exactly(1).Items, "only the check for a user of that name that is not the login's");
        Assert.That(calls.Calls.Select(c => c.Name), Has.None.EqualTo("IS_ROLEMEMBER"), "IS_ROLEMEMBER is NULL for a name that is no user, and the membership was skipped");
        Assert.That(Text, Does.Contain("p.[sid] = SUSER_SID(N'$(ConnectorLogin)')"));
    }

    [Test]
    public void The_database_owners_login_and_a_sysadmin_are_refused_and_the_membership_goes_to_the_users_own_name()
    {
        var script = Evaluate(Substituted());
        var fragment = (TSqlScript)TSqlScriptParser.Parse(Substituted(), out _);

        Assert.That(script.Errors, Has.Some.StartsWith($"The login [{Login}] owns this database (it is mapped to the user dbo)"));
        Assert.That(script.Errors, Has.Some.StartsWith($"The login [{Login}] is a sysadmin"));
        Assert.That(fragment.Batches.SelectMany(b => b.Statements).OfType<AlterRoleStatement>(), Is.Empty, "no ALTER ROLE names the login: it adds the user found by SID");
        Assert.That(Text, Does.Contain("N'ALTER ROLE [realmsync_connector] ADD MEMBER ' + QUOTENAME(@user)"));
    }

    private static string GuardInsert(string variable) => $"INSERT INTO #realmsync_setup ([Step]) VALUES (N'{variable}')";

    private static string With(string variable, string value) => variable switch
    {
        "ConnectorLogin" => Substituted(login: value),
        "ConnectorPassword" => Substituted(password: value),
        "DataSchema" => Substituted(dataSchema: value),
        _ => Substituted(applyMode: value),
    };

    private static string[] SqlCmdVariables(string batch) =>
        [.. System.Text.RegularExpressions.Regex.Matches(batch, @"\$\((\w+)\)").Select(m => m.Groups[1].Value).Distinct()];

    private sealed class FunctionCalls : TSqlFragmentVisitor
    {
        public List<(string Name, List<string> Literals)> Calls { get; } = [];

        public override void ExplicitVisit(FunctionCall node)
        {
            Calls.Add((node.FunctionName.Value.ToUpperInvariant(), [.. node.Parameters.OfType<StringLiteral>().Select(l => l.Value)]));
            base.ExplicitVisit(node);
        }
    }
}
