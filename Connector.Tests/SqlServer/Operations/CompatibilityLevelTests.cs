using Connector.Operations;
using Connector.SqlServer.Operations;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>The compatibility level: below 130 the permission checks (OPENJSON) cannot run, and doctor says so instead of failing on Msg 208.</summary>
public class CompatibilityLevelTests
{
    private static DatabaseState State(int level) => new("sql1", "RealmSync", "realm_sqlserver", true, null, true, 1) { CompatibilityLevel = level };

    [Test]
    public void Level_130_and_above_passes()
    {
        Assert.That(DatabaseSettingsCheck.Compatibility(State(130)).Line(), Is.EqualTo("[ok] compatibility level: 130 in database RealmSync."));
        Assert.That(DatabaseSettingsCheck.Check(State(160), 2).Select(r => r.Name), Has.Member(DatabaseSettingsCheck.CompatibilityName));
    }

    [Test]
    public void Below_130_it_fails_with_the_statement_and_the_warning_that_the_connector_never_changes_it() =>
        Assert.That(DatabaseSettingsCheck.Compatibility(State(120)).Line(), Is.EqualTo(
            "[FAIL] compatibility level: 120 in database RealmSync: below 130 (SQL Server 2016), the connector's permission checks cannot run (they use OPENJSON). " +
            "Fix: after checking that the database's applications work at the new level, as db_owner: ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 130; (the connector never changes it)."));

    [Test]
    public async Task Below_130_a_check_that_reads_json_is_not_run()
    {
        var ran = false;

        var result = await DatabaseSettingsCheck.WhenJsonWorksAsync(State(110), PermissionCheck.Name, () =>
        {
            ran = true;
            return Task.FromResult(CheckResult.Pass(PermissionCheck.Name, "ran"));
        });

        Assert.That(ran, Is.False);
        Assert.That(result.Line(), Is.EqualTo("[FAIL] permissions: not checked: the database's compatibility level is 110. Fix: see the compatibility level line."));
    }

    [Test]
    public async Task At_130_the_check_runs()
    {
        var result = await DatabaseSettingsCheck.WhenJsonWorksAsync(State(130), PermissionCheck.Name, () => Task.FromResult(CheckResult.Pass(PermissionCheck.Name, "ran")));

        Assert.That(result.Line(), Is.EqualTo("[ok] permissions: ran"));
    }
}
