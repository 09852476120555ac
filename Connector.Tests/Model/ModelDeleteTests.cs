using Connector.Adapter;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

/// <summary>Realm's delete cascade, which no instruction states (ADAPTER-PROTOCOL.md section 2).</summary>
public sealed class ModelDeleteTests
{
    private static RealmModel WithDogs(ModelOptions? options = null)
    {
        var model = NewModel(options);
        model.Applied(2, Dog("a"), Dog("b"), Dog("c"), Person(1,
            ("dog", S("b")), ("dogSet", List(S("a"), S("b"), S("c"))),
            ("dogMap", new DictionaryValue([KeyValuePair.Create("x", (RealmValue)S("b")), KeyValuePair.Create("y", (RealmValue)S("c"))])),
            ("any", new LinkValue("Dog", S("b"))), ("anyList", List(new ListValue([new LinkValue("Dog", S("b"))]) { InMixed = true }, I(7)))));
        model.Applied(3,
            new ListInsertInstruction("Person", I(1), "dogs", 0, S("a")),
            new ListInsertInstruction("Person", I(1), "dogs", 1, S("b")),
            new ListInsertInstruction("Person", I(1), "dogs", 2, S("c")),
            new ListInsertInstruction("Person", I(1), "dogs", 3, S("b")));
        return model;
    }

    [Test]
    public void A_delete_removes_the_object()
    {
        var model = WithDogs();

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Identities("Dog"), Is.EquivalentTo(new[] { S("a"), S("c") }));
    }

    [Test]
    public void A_to_one_link_to_a_deleted_object_becomes_null()
    {
        var model = WithDogs();

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Value("Person", I(1), "dog"), Is.EqualTo(RealmValue.Null));
    }

    [Test]
    public void Every_list_element_naming_a_deleted_object_goes_and_later_elements_move_up()
    {
        var model = WithDogs();

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Value("Person", I(1), "dogs"), Is.EqualTo(List(S("a"), S("c"))));
    }

    [Test]
    public void A_set_element_naming_a_deleted_object_goes()
    {
        var model = WithDogs();

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Value("Person", I(1), "dogSet"), Is.EqualTo(List(S("a"), S("c"))));
    }

    [Test]
    public void A_dictionary_value_naming_a_deleted_object_becomes_null_and_its_key_stays()
    {
        var model = WithDogs();

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Value("Person", I(1), "dogMap"), Is.EqualTo(new DictionaryValue(
            [KeyValuePair.Create("x", (RealmValue)RealmValue.Null), KeyValuePair.Create("y", (RealmValue)S("c"))])));
    }

    [Test]
    public void A_link_inside_mixed_to_a_deleted_object_becomes_null_at_any_depth_as_in_realm()
    {
        var model = WithDogs();

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Value("Person", I(1), "any"), Is.EqualTo(RealmValue.Null));
        Assert.That(model.Value("Person", I(1), "anyList"), Is.EqualTo(List(new ListValue([RealmValue.Null]) { InMixed = true }, I(7))));
    }

    [Test]
    public void Under_mixed_links_keep_a_link_inside_mixed_stays_as_on_sql_server()
    {
        var model = WithDogs(ModelOptions.SqlServer);

        model.Applied(4, new DeleteInstruction("Dog", S("b")));

        Assert.That(model.Value("Person", I(1), "any"), Is.EqualTo(new LinkValue("Dog", S("b"))));
    }

    [Test]
    public void Deleting_an_owner_deletes_its_embedded_objects_at_every_depth()
    {
        var model = NewModel();
        model.Applied(2,
            new InsertInstruction("Geo", S("{g}"), Values(("lat", new DoubleValue(1.5)))),
            new InsertInstruction("Address", S("{a}"), Values(("street", S("Main")), ("geo", S("{g}")))),
            new InsertInstruction("Geo", S("{other}"), Values(("lat", new DoubleValue(2)))),
            Person(1, ("address", S("{a}"))));

        model.Applied(3, new DeleteInstruction("Person", I(1)));

        Assert.That(model.Identities("Address"), Is.Empty);
        Assert.That(model.Identities("Geo"), Is.EqualTo(new[] { S("{other}") }));
    }

    [Test]
    public void A_delete_of_a_missing_object_is_refused()
    {
        var outcome = NewModel().Apply(Transaction(2, new DeleteInstruction("Dog", S("ghost"))));

        Assert.That((outcome.Status, outcome.InstructionIndex, outcome.Reason), Is.EqualTo((ModelStatus.Refused, 0, "Dog \"ghost\" does not exist")));
    }

    [Test]
    public void A_clear_deletes_every_object_of_the_class_with_the_same_cascade()
    {
        var model = WithDogs();

        model.Applied(4, new ClearInstruction("Dog"));

        Assert.That(model.Identities("Dog"), Is.Empty);
        Assert.That(model.Value("Person", I(1), "dog"), Is.EqualTo(RealmValue.Null));
        Assert.That(model.Value("Person", I(1), "dogs"), Is.EqualTo(List()));
        Assert.That(model.Value("Person", I(1), "dogSet"), Is.EqualTo(List()));
        Assert.That(model.Identities("Person"), Has.Count.EqualTo(1));
    }
}
