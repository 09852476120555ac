using Connector.ChangeTracking;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Operations;

namespace Connector.Tests.SqlServer.Operations;

/// <summary><c>install</c>'s SQL-first lines: one per table mapped, already mapped or refused, and one per column left out.</summary>
public class SqlFirstInstallTests
{
    private static readonly TableMetadata Orders = new("dbo", "Orders",
        [new("id", "int", false, 4, 10, 0), new("area", "geography", true, -1, 0, 0)], ["id"]);

    private static readonly TableMetadata Log = new("dbo", "Log", [new("at", "datetime2", false, 8, 27, 7)], []);

    [Test]
    public void Each_table_gets_a_line_and_a_refusal_fails_install()
    {
        var plan = SqlFirstPlanner.Plan("/sql-first", [("dbo", "Orders"), ("dbo", "Log")], [Orders, Log]);

        var lines = SqlFirstInstall.Results(new SqlFirstRegistration(plan, 2, 1)).Select(r => r.Line()).ToList();

        Assert.That(lines, Is.EqualTo(new[]
        {
            "[ok] SQL-first [dbo].[Orders]: mapped as class Orders of Realm path '/sql-first' (1 properties, key id); announced with ADD_TYPE (outbox version 1); the next poll sends its rows whole.",
            "[FAIL] SQL-first [dbo].[Log]: not mapped. Fix: " + plan.Refusals.Single().Reason + ".",
            "[warn] SQL-first: left out column [area] of [dbo].[Orders]: Realm has no type for geography. " +
                "Fix: if Realm needs the column, give it a type Realm has (README, SQL-first) before the table is mapped: a mapped class gains no properties later.",
        }));
    }
}
