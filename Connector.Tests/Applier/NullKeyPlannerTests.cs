using Connector.Adapter;
using Connector.Applier;
using Connector.SqlServer.Applier;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

/// <summary>
/// An object with a null primary key (Realm allows one per class with an optional key) is left out of the plan with
/// every instruction naming it; everything else of the transaction is planned (issue 9, point 5).
/// </summary>
public class NullKeyPlannerTests
{
    private const string Types = """
        {"type":"ADD_TYPE","object_type":"Tag","primary_key":"code","properties":{"code":"string?","label":"string?","see":"Tag[]"}},
        {"type":"ADD_TYPE","object_type":"Post","primary_key":"id","properties":{"id":"int","tags":"Tag[]"}}
        """;

    [Test]
    public void Exactly_the_instructions_naming_the_null_keyed_object_are_left_out()
    {
        var plan = Plan(Types + """
            ,{"type":"INSERT","object_type":"Tag","identity":null,"values":{"code":null,"label":"none"}}
            ,{"type":"INSERT","object_type":"Tag","identity":"a","values":{"code":"a"}}
            ,{"type":"SET","object_type":"Tag","identity":null,"values":{"label":"x"}}
            ,{"type":"INSERT","object_type":"Post","identity":1,"values":{"id":1}}
            ,{"type":"LIST_INSERT","object_type":"Post","identity":1,"property":"tags","list_index":0,"object_identity":"a"}
            ,{"type":"LIST_INSERT","object_type":"Post","identity":1,"property":"tags","list_index":1,"object_identity":null}
            ,{"type":"LIST_INSERT","object_type":"Tag","identity":null,"property":"see","list_index":0,"object_identity":"a"}
            ,{"type":"DELETE","object_type":"Tag","identity":null}
            ,{"type":"INSERT","object_type":"Post","identity":2,"values":{"id":2}}
            """);

        Assert.That(plan.Calls.SelectMany(c => Enumerable.Range(c.FirstInstruction, c.LastInstruction - c.FirstInstruction + 1)), Is.EqualTo(new[] { 3, 5, 6, 10 }));
        var refused = plan.Refused.Single();
        Assert.That(refused.ClassName, Is.EqualTo("Tag"));
        Assert.That(refused.Instructions, Is.EqualTo(new[] { 2, 4, 7, 8, 9 }));
        Assert.That(refused.Error, Is.EqualTo(
            "class 'Tag': an object with a null primary key cannot be stored in SQL Server (a null key is indistinguishable from \"no link\" in link columns); " +
            "the 5 instruction(s) naming it (index 2, 4, 7, 8, 9) were left out, the rest of the transaction was applied"));
    }

    [Test]
    public void A_list_that_lost_an_element_is_left_alone_for_the_rest_of_the_transaction_because_its_indexes_count_that_element()
    {
        var plan = Plan(Types + """
            ,{"type":"INSERT","object_type":"Tag","identity":"a","values":{"code":"a"}}
            ,{"type":"INSERT","object_type":"Post","identity":1,"values":{"id":1}}
            ,{"type":"INSERT","object_type":"Post","identity":2,"values":{"id":2}}
            ,{"type":"LIST_SET","object_type":"Post","identity":1,"property":"tags","list_index":0,"object_identity":null}
            ,{"type":"LIST_ERASE","object_type":"Post","identity":1,"property":"tags","list_index":1}
            ,{"type":"LIST_INSERT","object_type":"Post","identity":2,"property":"tags","list_index":0,"object_identity":"a"}
            """);

        Assert.That(plan.Calls.Select(c => c.FirstInstruction), Is.EqualTo(new[] { 2, 3, 7 }));
        Assert.That(plan.Refused.Single().Instructions, Is.EqualTo(new[] { 5, 6 }));
    }

    [Test]
    public void A_transaction_without_a_null_key_refuses_nothing()
    {
        Assert.That(Plan("""{"type":"DELETE","object_type":"Dog","identity":"Rex"}""").Refused, Is.Empty);
    }

    [Test]
    public void A_null_identity_of_a_class_without_a_primary_key_stays_bad_input()
    {
        var e = Assert.Throws<AdapterFormatException>(() => Plan("""
            {"type":"ADD_TYPE","object_type":"Note","properties":{"text":"string"}},
            {"type":"INSERT","object_type":"Note","identity":null,"values":{}}
            """))!;

        Assert.That(e.Message, Does.StartWith("version 7: $.instructions[1].identity: a null identity for class 'Note'"));
    }

    [Test]
    public void A_null_identity_of_a_class_with_a_required_primary_key_stays_bad_input()
    {
        Assert.That(Rejects("""{"type":"DELETE","object_type":"Dog","identity":null}""").Message,
            Does.StartWith("version 7: $.instructions[0].identity: a null identity for class 'Dog'"));
    }

    [Test]
    public void The_plan_script_names_the_refused_object_and_applies_the_rest()
    {
        var plan = Plan(Types + """
            ,{"type":"INSERT","object_type":"Tag","identity":null,"values":{"code":null}}
            ,{"type":"INSERT","object_type":"Tag","identity":"a","values":{"code":"a"}}
            """);

        var batch = PlanScriptWriter.DataBatch(plan, null, Sample);

        Assert.That(batch, Does.Contain("-- LEFT OUT, recorded in realmsync.DeadLetter: class 'Tag': an object with a null primary key"));
        Assert.That(batch, Does.Contain("-- instruction 3: Upsert 'Tag'"));
    }

    [Test]
    public void A_conflict_on_a_group_around_the_left_out_object_is_recorded_without_reading_its_null_key()
    {
        var transaction = Transaction(
            """{"type":"INSERT","object_type":"Tag","identity":"a","values":{"code":"a"}}""",
            """{"type":"INSERT","object_type":"Tag","identity":null,"values":{"code":null}}""",
            """{"type":"INSERT","object_type":"Tag","identity":"b","values":{"code":"b","label":"B"}}""");
        var plan = TransactionPlanner.Plan(transaction, Sample);
        var changes = new Dictionary<int, IReadOnlyDictionary<object, SqlChange>>
        {
            [0] = new Dictionary<object, SqlChange>(KeyComparer.Instance) { ["b"] = new SqlChange(41, "U") },
        };

        var resolution = ConflictResolver.Resolve(plan, transaction, 1, changes, ConflictPolicy.SqlWins);

        Assert.That((plan.Calls.Single().FirstInstruction, plan.Calls.Single().LastInstruction), Is.EqualTo((2, 4)));
        Assert.That(resolution.Conflicts.Select(c => (c.InstructionIndex, c.ObjectIdentity, c.RealmValues)),
            Is.EqualTo(new[] { (4, "\"b\"", """{"code":"b","label":"B"}""") }));
    }

    [Test]
    public void Each_refused_object_becomes_a_dead_letter_row_at_its_first_instruction_with_the_transaction()
    {
        var transaction = Transaction("""{"type":"INSERT","object_type":"Tag","identity":null,"values":{"code":null}}""");
        var plan = TransactionPlanner.Plan(transaction, Sample);

        var record = InboundRecords.RefusalRecords(3, transaction, plan.Refused).Single();

        Assert.That((record.RealmId, record.Version, record.InstructionIndex), Is.EqualTo((3, 7L, (int?)2)));
        Assert.That(record.Error, Is.EqualTo("version 7: " + plan.Refused.Single().Error));
        Assert.That(AdapterCodec.Decode(record.Transaction), Is.EqualTo(transaction).Using<AdapterTransaction>((x, y) => AdapterCodec.Encode(x) == AdapterCodec.Encode(y)));
        Assert.That(InboundRecords.RefusalRecords(3, transaction, []), Is.Empty);
    }

    private static AdapterTransaction Transaction(params string[] instructions) =>
        AdapterCodec.Decode("""{"realm_path":"/default","version":7,"instructions":[""" + Types + "," + string.Join(",", instructions) + "]}");
}
