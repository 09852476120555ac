using Connector.Adapter;
using Connector.Applier;
using Connector.Catalog;

namespace Connector.Tests.Applier;

/// <summary>
/// Conflicts on collections (issue 8, findings 4, 6 and 7): a replace of a collection SQL changed since it was last
/// sent to Realm, the collections of a SET on an object SQL deleted, and a LIST_* on an object SQL deleted; under
/// both policies, on the small schema (Person: dogs, a list of objects; tags, a set of strings).
/// </summary>
public class CollectionConflictTests
{
    private const string AnnId = """["objectId", "5f0000000000000000000001"]""";
    private const string BobId = """["objectId", "5f0000000000000000000002"]""";
    private const string AnnJson = """["objectId","5f0000000000000000000001"]""";
    private const string SqlTags = """[{"_position":0,"_value":"old"},{"_position":1,"_value":"sql"}]""";

    private static readonly byte[] Ann = Convert.FromHexString("5f0000000000000000000001");
    private static readonly byte[] Bob = Convert.FromHexString("5f0000000000000000000002");

    /// <summary>Calls: 0 Update(Person: Ann, Bob), 1 Replace(Person__tags: Ann, Bob), 2 ListInsert(Ann.dogs).</summary>
    private static readonly AdapterTransaction Sets = ApplierFixture.Transaction(9,
        $$$"""{"type": "SET", "object_type": "Person", "identity": {{{AnnId}}}, "values": {"name": "Ann", "tags": ["a", "b"]}}""",
        $$$"""{"type": "SET", "object_type": "Person", "identity": {{{BobId}}}, "values": {"tags": ["c"]}}""",
        $$"""{"type": "LIST_INSERT", "object_type": "Person", "identity": {{AnnId}}, "property": "dogs", "list_index": 0, "object_identity": "rex"}""");

    private static readonly TransactionPlan SetsPlan = ApplierFixture.Plan(Sets);

    private static Dictionary<int, IReadOnlyDictionary<object, SqlChange>> Changes(params (int Call, byte[] Key, SqlChange Change)[] changes) =>
        changes.GroupBy(c => c.Call).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<object, SqlChange>)g.ToDictionary(c => (object)c.Key, c => c.Change, KeyComparer.Instance));

    private static List<object> Owners(PlannedCall call, string argument) =>
        [.. ((TableArgument)call.Arguments.Single(a => a.Name == argument)).Rows.Select(r => r[0]!)];

    [Test]
    public void The_plan_has_a_set_a_replace_and_a_list_insert() =>
        Assert.That(SetsPlan.Calls.Select(c => c.Kind), Is.EqualTo(new[] { CallKind.Update, CallKind.Replace, CallKind.ListInsert }));

    [Test]
    public void Sql_wins_keeps_the_collection_sql_changed_and_records_both_sides()
    {
        var resolution = ConflictResolver.Resolve(SetsPlan, Sets, 1, Changes((1, Ann, new SqlChange(41, "U", SqlTags))), ConflictPolicy.SqlWins);

        Assert.That(resolution.Plan.Calls[0], Is.EqualTo(SetsPlan.Calls[0]), "Ann's name is not part of the conflict");
        Assert.That(Owners(resolution.Plan.Calls[1], "@owners"), Is.EqualTo(new object[] { Bob }));
        Assert.That(Owners(resolution.Plan.Calls[1], "@items"), Is.EqualTo(new object[] { Bob }));
        Assert.That(resolution.Plan.Calls[2], Is.EqualTo(SetsPlan.Calls[2]));
        Assert.That(resolution.Conflicts, Is.EqualTo(new[]
        {
            new ConflictRecord(1, 9, 0, "Person", AnnJson, "sql-wins", 41, """{"tags":["a","b"]}""", SqlTags),
        }));
    }

    [Test]
    public void Realm_wins_replaces_the_collection_sql_changed_and_keeps_sqls_collection_in_the_record()
    {
        var resolution = ConflictResolver.Resolve(SetsPlan, Sets, 1, Changes((1, Ann, new SqlChange(41, "U", SqlTags))), ConflictPolicy.RealmWins);

        Assert.That(resolution.Plan.Calls, Is.EqualTo(SetsPlan.Calls));
        Assert.That(resolution.Conflicts, Is.EqualTo(new[]
        {
            new ConflictRecord(1, 9, 0, "Person", AnnJson, "realm-wins", 41, """{"tags":["a","b"]}""", SqlTags),
        }));
    }

    [Test]
    public void Sql_wins_drops_a_replace_whose_every_owner_lost()
    {
        var resolution = ConflictResolver.Resolve(
            SetsPlan, Sets, 1, Changes((1, Ann, new SqlChange(41, "U", SqlTags)), (1, Bob, new SqlChange(42, "U", "[]"))), ConflictPolicy.SqlWins);

        Assert.That(resolution.Plan.Calls.Select(c => c.Kind), Is.EqualTo(new[] { CallKind.Update, CallKind.ListInsert }));
        Assert.That(resolution.Conflicts.Select(c => (c.InstructionIndex, c.SqlChangeVersion, c.SqlValues)), Is.EqualTo(new[] { (0, 41L, SqlTags), (1, 42L, "[]") }));
    }

    [Test]
    public void Sql_wins_records_a_lost_object_once_and_drops_its_collections_with_it()
    {
        var resolution = ConflictResolver.Resolve(
            SetsPlan, Sets, 1, Changes((0, Ann, new SqlChange(40, "U")), (1, Ann, new SqlChange(41, "U", SqlTags))), ConflictPolicy.SqlWins);

        Assert.That(Owners(resolution.Plan.Calls[1], "@owners"), Is.EqualTo(new object[] { Bob }));
        Assert.That(resolution.Conflicts.Select(c => (c.InstructionIndex, c.SqlChangeVersion)), Is.EqualTo(new[] { (0, 40L) }));
    }

    [Test]
    public void Realm_wins_writes_no_collection_for_a_set_on_an_object_sql_deleted()
    {
        var resolution = ConflictResolver.Resolve(SetsPlan, Sets, 1, Changes((0, Ann, new SqlChange(40, "D"))), ConflictPolicy.RealmWins);

        Assert.That(resolution.Plan.Calls[0], Is.EqualTo(SetsPlan.Calls[0]), "the SET stays: its missing object is tolerated");
        Assert.That(resolution.ToleratedMissing, Is.EquivalentTo(new[] { 0 }));
        Assert.That(Owners(resolution.Plan.Calls[1], "@owners"), Is.EqualTo(new object[] { Bob }));
        Assert.That(Owners(resolution.Plan.Calls[1], "@items"), Is.EqualTo(new object[] { Bob }), "no child rows for a missing owner");
        Assert.That(resolution.Conflicts.Select(c => (c.InstructionIndex, c.Policy)), Is.EqualTo(new[] { (0, "realm-wins") }));
    }

    [TestCase(ConflictPolicy.SqlWins, "sql-wins")]
    [TestCase(ConflictPolicy.RealmWins, "realm-wins")]
    public void A_list_edit_on_an_object_sql_deleted_is_dropped_and_recorded_and_the_rest_applies(ConflictPolicy policy, string recorded)
    {
        var resolution = ConflictResolver.Resolve(SetsPlan, Sets, 1, Changes((2, Ann, new SqlChange(43, "D"))), policy);

        Assert.That(resolution.Plan.Calls, Is.EqualTo(SetsPlan.Calls.Take(2)));
        Assert.That(resolution.Conflicts, Is.EqualTo(new[] { new ConflictRecord(1, 9, 2, "Person", AnnJson, recorded, 43, null, null) }));
    }

    [Test]
    public void A_list_edit_on_an_object_sql_only_updated_is_no_conflict()
    {
        var resolution = ConflictResolver.Resolve(SetsPlan, Sets, 1, Changes((2, Ann, new SqlChange(43, "U"))), ConflictPolicy.SqlWins);

        Assert.That(resolution.Plan.Calls, Is.EqualTo(SetsPlan.Calls));
        Assert.That(resolution.Conflicts, Is.Empty);
    }

    [TestCase(ConflictPolicy.RealmWins, new[] { CallKind.Upsert, CallKind.ListInsert }, new[] { 0 })]
    [TestCase(ConflictPolicy.SqlWins, new CallKind[0], new[] { 0, 1 })]
    public void A_list_edit_on_an_object_sql_deleted_applies_when_the_transaction_inserts_it_again_first(
        ConflictPolicy policy, CallKind[] kinds, int[] conflictsAt)
    {
        var transaction = ApplierFixture.Transaction(9,
            $$$"""{"type": "INSERT", "object_type": "Person", "identity": {{{AnnId}}}, "values": {"_id": {{{AnnId}}}, "name": "Ann"}}""",
            $$"""{"type": "LIST_INSERT", "object_type": "Person", "identity": {{AnnId}}, "property": "dogs", "list_index": 0, "object_identity": "rex"}""");
        var plan = ApplierFixture.Plan(transaction);
        var deleted = new SqlChange(43, "D");

        var resolution = ConflictResolver.Resolve(plan, transaction, 1, Changes((0, Ann, deleted), (1, Ann, deleted)), policy);

        Assert.That(resolution.Plan.Calls.Select(c => c.Kind), Is.EqualTo(kinds), "sql-wins keeps SQL's delete: neither the INSERT nor the edit applies");
        Assert.That(resolution.Conflicts.Select(c => c.InstructionIndex), Is.EqualTo(conflictsAt));
    }
}
