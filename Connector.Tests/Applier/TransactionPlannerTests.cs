using Connector.Applier;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

public class TransactionPlannerTests
{
    [Test]
    public void Consecutive_inserts_of_one_class_become_one_upsert_call()
    {
        var plan = Plan("""
            {"type":"INSERT","object_type":"Dog","identity":"Rex","values":{"name":"Rex","breed":"Collie"}},
            {"type":"INSERT","object_type":"Dog","identity":"Fido","values":{"name":"Fido"}}
            """);

        Assert.That(plan.Calls.Select(c => (c.Procedure, c.Kind, c.FirstInstruction, c.LastInstruction)),
            Is.EqualTo(new[] { ("dbo.Dog$upsert", CallKind.Upsert, 0, 1) }));
        Assert.That(Rows(plan.Calls[0]), Is.EqualTo(new[] { new object?[] { 0, "Rex", "Collie", true }, new object?[] { 1, "Fido", null, false } }));
    }

    [Test]
    public void A_SET_on_an_object_inserted_in_the_same_group_merges_into_its_row()
    {
        var plan = Plan("""
            {"type":"INSERT","object_type":"Dog","identity":"Rex","values":{"name":"Rex"}},
            {"type":"SET","object_type":"Dog","identity":"Rex","values":{"breed":"Collie"}}
            """);

        Assert.That(plan.Calls, Has.Length.EqualTo(1));
        Assert.That(Rows(plan.Calls[0]), Is.EqualTo(new[] { new object?[] { 0, "Rex", "Collie", true } }));
    }

    [Test]
    public void A_SET_on_another_object_starts_an_update_call_and_keeps_the_order()
    {
        var plan = Plan("""
            {"type":"INSERT","object_type":"Dog","identity":"Rex","values":{"name":"Rex"}},
            {"type":"SET","object_type":"Dog","identity":"Fido","values":{"breed":"Pug"}},
            {"type":"INSERT","object_type":"Dog","identity":"Max","values":{"name":"Max"}}
            """);

        Assert.That(plan.Calls.Select(c => c.Kind), Is.EqualTo(new[] { CallKind.Upsert, CallKind.Update, CallKind.Upsert }));
    }

    [Test]
    public void Required_properties_missing_from_an_INSERT_get_Realm_defaults_without_their_set_flag()
    {
        var plan = Plan("""{"type":"INSERT","object_type":"Reading","identity":"{0002-0000}","values":null}""");

        Assert.That(Rows(plan.Calls[0])[0], Is.EqualTo(new object?[] { 0, "{0002-0000}", string.Empty, 0f, DateTime.UnixEpoch, false, false, false }));
    }

    [Test]
    public void Deletes_of_one_class_are_one_call_and_a_repeated_identity_is_deleted_once()
    {
        var plan = Plan("""
            {"type":"DELETE","object_type":"Dog","identity":"Rex"},
            {"type":"DELETE","object_type":"Dog","identity":"Rex"},
            {"type":"DELETE","object_type":"Dog","identity":"Fido"}
            """);

        Assert.That(plan.Calls.Single().Kind, Is.EqualTo(CallKind.Delete));
        Assert.That(Rows(plan.Calls[0], "@keys"), Is.EqualTo(new[] { new object?[] { "Rex" }, new object?[] { "Fido" } }));
    }

    [Test]
    public void Primitive_collections_in_values_replace_the_whole_collection_and_sets_drop_repeats()
    {
        var plan = Plan($$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"luckyNumbers":[7,3,7]}}""");

        var replace = plan.Calls.Single(c => c.Kind == CallKind.Replace);
        Assert.That(replace.Procedure, Is.EqualTo("dbo.Person__luckyNumbers$replace"));
        var owner = Convert.FromHexString("5f1b2c3d4e5f60718293a4b5");
        Assert.That(Rows(replace, "@items"), Is.EqualTo(new[] { new object?[] { owner, 0, 7L }, new object?[] { owner, 1, 3L } }));
    }

    [Test]
    public void List_instructions_keep_their_order_with_owner_index_and_target()
    {
        var plan = Plan($$"""
            {"type":"LIST_INSERT","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":0,"object_identity":"Rex"},
            {"type":"LIST_ERASE","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":0},
            {"type":"LIST_CLEAR","object_type":"Person","identity":{{Ada}},"property":"dogs"}
            """);

        Assert.That(plan.Calls.Select(c => c.Procedure), Is.EqualTo(new[]
        {
            "dbo.Person__dogs$list_insert", "dbo.Person__dogs$list_erase", "dbo.Person__dogs$list_clear",
        }));
        Assert.That(plan.Calls[0].Arguments.Cast<ScalarArgument>().Select(a => (a.Name, a.Value is byte[] ? "bytes" : a.Value)),
            Is.EqualTo(new[] { ("@owner", (object?)"bytes"), ("@index", 0), ("@target", "Rex") }));
    }

    [Test]
    public void CHANGE_IDENTITY_and_SWAP_IDENTITY_rekey_objects_without_primary_key()
    {
        var plan = Plan("""
            {"type":"CHANGE_IDENTITY","object_type":"Reading","identity":"{a}","new_identity":"{b}"},
            {"type":"SWAP_IDENTITY","object_type":"Reading","identity":"{b}","swap_identity":"{c}"}
            """);

        Assert.That(plan.Calls.Select(c => c.Kind), Is.EqualTo(new[] { CallKind.Rekey, CallKind.Rekey }));
        Assert.That(Rows(plan.Calls[1], "@map"), Is.EqualTo(new[] { new object?[] { "{b}", "{c}" }, new object?[] { "{c}", "{b}" } }));
    }

    [Test]
    public void CLEAR_is_one_call()
    {
        Assert.That(Plan("""{"type":"CLEAR","object_type":"Dog"}""").Calls.Single().Procedure, Is.EqualTo("dbo.Dog$clear"));
    }

    [Test]
    public void A_schema_change_then_data_in_the_same_transaction_is_planned_against_the_grown_mapping()
    {
        var plan = Plan("""
            {"type":"ADD_PROPERTIES","object_type":"Dog","properties":{"weight":{"type":"double","nullable":true}}},
            {"type":"SET","object_type":"Dog","identity":"Rex","values":{"weight":12.5}}
            """);

        Assert.That(plan.SchemaChanged, Is.True);
        Assert.That(plan.Mapping.Classes.Single(c => c.Class.Name == "Dog").Properties.Select(p => p.Column), Does.Contain("weight"));
        Assert.That(Rows(plan.Calls[0])[0], Is.EqualTo(new object?[] { 1, "Rex", null, 12.5d, false, true }));
    }

    [Test]
    public void Re_sending_an_embedded_class_without_the_flag_changes_nothing_as_producers_before_the_flag_send_it()
    {
        var plan = Plan("""{"type":"ADD_TYPE","object_type":"Address","properties":{"street":"string","city":"string"}}""");

        Assert.That(plan.SchemaChanged, Is.False);
    }

    [Test]
    public void Re_sending_a_class_exactly_as_mapped_changes_nothing()
    {
        var plan = Plan("""{"type":"ADD_TYPE","object_type":"Dog","primary_key":"name","properties":{"name":"string","breed":"string?","owners":{"type":"linkingObjects","objectType":"Person","property":"dogs"}}}""");

        Assert.That(plan.SchemaChanged, Is.False);
        Assert.That(plan.Calls, Is.Empty);
    }
}
