using Connector.Adapter;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

public sealed class ModelObjectTests
{
    [Test]
    public void An_insert_stores_its_values_and_every_other_property_has_its_default()
    {
        var model = NewModel();

        model.Applied(2, Person(1, ("name", S("Ann")), ("scores", List(I(3), I(3)))));

        Assert.That(model.Identities("Person"), Is.EqualTo(new[] { I(1) }));
        Assert.That(model.Value("Person", I(1), "name"), Is.EqualTo(S("Ann")));
        Assert.That(model.Value("Person", I(1), "scores"), Is.EqualTo(List(I(3), I(3))), "a list keeps repeats");
        Assert.That(model.Value("Person", I(1), "dog"), Is.EqualTo(RealmValue.Null));
        Assert.That(model.Value("Person", I(1), "dogMap"), Is.EqualTo(new DictionaryValue([])));
    }

    [Test]
    public void An_insert_of_an_existing_identity_updates_the_properties_it_names_only()
    {
        var model = NewModel();
        model.Applied(2, Person(1, ("name", S("Ann")), ("scores", List(I(1)))));

        model.Applied(3, Person(1, ("scores", List(I(2)))));

        Assert.That(model.Identities("Person"), Has.Count.EqualTo(1));
        Assert.That(model.Value("Person", I(1), "name"), Is.EqualTo(S("Ann")));
        Assert.That(model.Value("Person", I(1), "scores"), Is.EqualTo(List(I(2))));
    }

    [Test]
    public void A_set_changes_the_properties_it_names_only()
    {
        var model = NewModel();
        model.Applied(2, Person(1, ("name", S("Ann"))), Dog("rex"));

        model.Applied(3, Set("Person", I(1), ("dog", S("rex"))));

        Assert.That(model.Value("Person", I(1), "name"), Is.EqualTo(S("Ann")));
        Assert.That(model.Value("Person", I(1), "dog"), Is.EqualTo(S("rex")));
    }

    [Test]
    public void A_set_holds_each_value_once_in_the_order_first_given()
    {
        var model = NewModel();

        model.Applied(2, Person(1, ("tags", List(S("b"), S("a"), S("b")))));

        Assert.That(model.Value("Person", I(1), "tags"), Is.EqualTo(List(S("b"), S("a"))));
    }

    [Test]
    public void Values_are_coerced_against_their_property()
    {
        var model = NewModel();

        model.Applied(2, new AddTypeInstruction("Probe", [new("x", Connector.RealmSchema.RealmPropertyType.Double)], "x"),
            new InsertInstruction("Probe", I(2), Values(("x", I(2)))));

        Assert.That(model.Identities("Probe"), Is.EqualTo(new[] { new DoubleValue(2) }));
    }

    [TestCase("SET on a missing object")]
    [TestCase("unknown property")]
    [TestCase("changed primary key")]
    [TestCase("link to a missing object")]
    [TestCase("wrong value type")]
    [TestCase("wrong identity type")]
    public void Bad_object_input_is_refused_at_its_instruction(string badInput)
    {
        var model = NewModel();
        model.Applied(2, Person(1));
        Instruction bad = badInput switch
        {
            "SET on a missing object" => Set("Person", I(9), ("name", S("x"))),
            "unknown property" => Set("Person", I(1), ("nmae", S("x"))),
            "changed primary key" => Set("Person", I(1), ("id", I(2))),
            "link to a missing object" => Set("Person", I(1), ("dog", S("ghost"))),
            "wrong value type" => Set("Person", I(1), ("name", I(5))),
            _ => new InsertInstruction("Note", I(5), PropertyValues.Empty),
        };

        var outcome = model.Apply(Transaction(3, Dog("rex"), bad));

        Assert.That((outcome.Status, outcome.InstructionIndex), Is.EqualTo((ModelStatus.Refused, 1)), outcome.ToString());
        Assert.That(model.Identities("Dog"), Is.Empty, "nothing of the transaction applied");
    }
}
