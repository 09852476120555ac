using Connector.Applier;
using Connector.Catalog;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Sql;

namespace Connector.Tests.Applier;

public class ConflictResolverTests
{
    private static readonly Connector.Adapter.AdapterTransaction Transaction = ApplierFixture.Transaction(9,
        """{"type": "INSERT", "object_type": "Dog", "identity": "rex", "values": {"name": "rex"}}""",
        """{"type": "INSERT", "object_type": "Dog", "identity": "fido", "values": {"name": "fido", "born": null}}""",
        """{"type": "SET", "object_type": "Dog", "identity": "spot", "values": {"born": null}}""",
        """{"type": "DELETE", "object_type": "Dog", "identity": "max"}""");

    private static readonly TransactionPlan Plan = ApplierFixture.Plan(Transaction);

    private static Dictionary<int, IReadOnlyDictionary<object, SqlChange>> Changes(params (int Call, string Key, string Operation)[] changes) =>
        changes.GroupBy(c => c.Call).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<object, SqlChange>)g.ToDictionary(c => (object)c.Key, c => new SqlChange(41, c.Operation), KeyComparer.Instance));

    [Test]
    public void The_plan_has_an_insert_a_set_and_a_delete_call() =>
        Assert.That(Plan.Calls.Select(c => c.Kind), Is.EqualTo(new[] { CallKind.Upsert, CallKind.Update, CallKind.Delete }));

    [Test]
    public void Without_changes_in_sql_the_plan_is_unchanged()
    {
        var resolution = ConflictResolver.Resolve(Plan, Transaction, 1, Changes(), ConflictPolicy.SqlWins);

        Assert.That(resolution.Plan, Is.SameAs(Plan));
        Assert.That(resolution.Conflicts, Is.Empty);
    }

    [Test]
    public void Sql_wins_drops_the_realm_change_to_a_row_changed_in_sql_and_records_it()
    {
        var resolution = ConflictResolver.Resolve(Plan, Transaction, 1, Changes((0, "fido", "U")), ConflictPolicy.SqlWins);
        var rows = ((TableArgument)resolution.Plan.Calls[0].Arguments[0]).Rows;

        Assert.That(rows.Select(r => r[1]), Is.EqualTo(new[] { "rex" }));
        Assert.That(resolution.Conflicts, Is.EqualTo(new[]
        {
            new ConflictRecord(1, 9, 1, "Dog", "\"fido\"", "sql-wins", 41, """{"name":"fido","born":null}""", null),
        }));
    }

    [Test]
    public void Sql_wins_removes_a_call_whose_every_row_lost()
    {
        var resolution = ConflictResolver.Resolve(Plan, Transaction, 1, Changes((2, "max", "U")), ConflictPolicy.SqlWins);

        Assert.That(resolution.Plan.Calls.Select(c => c.Kind), Is.EqualTo(new[] { CallKind.Upsert, CallKind.Update }));
        Assert.That(resolution.Conflicts.Single(), Is.EqualTo(new ConflictRecord(1, 9, 3, "Dog", "\"max\"", "sql-wins", 41, null, null)));
    }

    [Test]
    public void Realm_wins_keeps_the_change_records_it_and_tolerates_a_set_on_a_row_sql_deleted()
    {
        var resolution = ConflictResolver.Resolve(Plan, Transaction, 1, Changes((0, "rex", "U"), (1, "spot", "D")), ConflictPolicy.RealmWins);

        Assert.That(resolution.Plan.Calls, Is.EqualTo(Plan.Calls));
        Assert.That(resolution.Conflicts.Select(c => (c.InstructionIndex, c.ObjectIdentity, c.Policy)),
            Is.EqualTo(new[] { (0, "\"rex\"", "realm-wins"), (2, "\"spot\"", "realm-wins") }));
        Assert.That(resolution.ToleratedMissing, Is.EquivalentTo(new[] { 2 }));
    }

    [Test]
    public void The_changes_query_parses_for_a_hostile_table_name()
    {
        var sql = ConflictDetector.ChangesQuery("app", "Dog]; DROP TABLE x; --", "na]me");

        Assert.That(sql, Does.Contain("CHANGETABLE(CHANGES [app].[Dog]]; DROP TABLE x; --], @watermark) AS ct"));
        Assert.That(sql, Does.Contain("ct.[na]]me] IN (SELECT k.[key] FROM @keys AS k)"));
        Assert.That(TSqlScriptParser.Errors(sql), Is.Empty);
    }

    [Test]
    public void The_changes_query_for_each_class_of_the_small_schema_parses() =>
        Assert.That(ApplierFixture.Small.Classes.SelectMany(c => TSqlScriptParser.Errors(ConflictDetector.ChangesQuery("app", c.Table, c.KeyColumn))), Is.Empty);
}
