using Connector.SqlServer.Sql;


namespace Connector.Tests.Integration;

/// <summary>The integration harness's own SQL and script handling, checked offline (the tests that use them need a server).</summary>
public class HarnessScriptTests
{
    [Test]
    public void The_login_teardown_parses() => Assert.That(TSqlScriptParser.Errors(LeastPrivilegeLogin.DropLogin), Is.Empty);

    [Test]
    public void Sql_setup_is_run_with_every_sqlcmd_variable_it_uses_and_nothing_is_left_unsubstituted()
    {
        var substituted = SqlCmdScript.SqlSetup("realmsync_lp_0", "Lp-0-Aa1", "app", "auto");

        Assert.That(SqlCmdScript.Variables(substituted), Is.Empty);
        Assert.That(TSqlScriptParser.Errors(substituted), Is.Empty);
    }

    [Test]
    public void A_variable_the_caller_did_not_give_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => SqlCmdScript.Substitute("SELECT N'$(Login)', N'$(Schema)';", new Dictionary<string, string> { ["login"] = "x" }));

        Assert.That(error!.Message, Does.StartWith("the script uses sqlcmd variables that were not given: Schema"));
    }
}
