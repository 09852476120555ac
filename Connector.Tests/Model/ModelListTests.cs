using Connector.Adapter;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

public sealed class ModelListTests
{
    private static RealmModel WithList()
    {
        var model = NewModel();
        model.Applied(2, Dog("a"), Dog("b"), Dog("c"), Person(1),
            new ListInsertInstruction("Person", I(1), "dogs", 0, S("a")),
            new ListInsertInstruction("Person", I(1), "dogs", 1, S("b")));
        return model;
    }

    private static RealmValue Dogs(RealmModel model) => model.Value("Person", I(1), "dogs");

    [Test]
    public void List_insert_puts_the_element_at_its_index_and_moves_later_ones_up()
    {
        var model = WithList();

        model.Applied(3, new ListInsertInstruction("Person", I(1), "dogs", 1, S("c")));

        Assert.That(Dogs(model), Is.EqualTo(List(S("a"), S("c"), S("b"))));
    }

    [Test]
    public void List_insert_at_the_count_appends()
    {
        var model = WithList();

        model.Applied(3, new ListInsertInstruction("Person", I(1), "dogs", 2, S("a")));

        Assert.That(Dogs(model), Is.EqualTo(List(S("a"), S("b"), S("a"))));
    }

    [Test]
    public void List_set_replaces_the_element_at_its_index()
    {
        var model = WithList();

        model.Applied(3, new ListSetInstruction("Person", I(1), "dogs", 0, S("c")));

        Assert.That(Dogs(model), Is.EqualTo(List(S("c"), S("b"))));
    }

    [Test]
    public void List_erase_removes_the_element_and_keeps_its_object()
    {
        var model = WithList();

        model.Applied(3, new ListEraseInstruction("Person", I(1), "dogs", 0));

        Assert.That(Dogs(model), Is.EqualTo(List(S("b"))));
        Assert.That(model.Identities("Dog"), Has.Count.EqualTo(3));
    }

    [Test]
    public void List_clear_empties_the_list_and_keeps_its_objects()
    {
        var model = WithList();

        model.Applied(3, new ListClearInstruction("Person", I(1), "dogs"));

        Assert.That(Dogs(model), Is.EqualTo(List()));
        Assert.That(model.Identities("Dog"), Has.Count.EqualTo(3));
    }

    [TestCase("insert beyond the count", "Person 1.dogs: list index 3 is out of range (0 to 2)")]
    [TestCase("insert at -1", "Person 1.dogs: list index -1 is out of range (0 to 2)")]
    [TestCase("set at the count", "Person 1.dogs: list index 2 is out of range (0 to 1)")]
    [TestCase("erase at the count", "Person 1.dogs: list index 2 is out of range (0 to 1)")]
    [TestCase("missing element", "list element Dog \"ghost\" does not exist")]
    [TestCase("not a list of objects", "class 'Person' has no list of objects 'scores'")]
    [TestCase("missing owner", "Person 9 does not exist")]
    public void Bad_list_input_is_refused_with_its_reason(string badInput, string reason)
    {
        var model = WithList();
        ListInstruction bad = badInput switch
        {
            "insert beyond the count" => new ListInsertInstruction("Person", I(1), "dogs", 3, S("c")),
            "insert at -1" => new ListInsertInstruction("Person", I(1), "dogs", -1, S("c")),
            "set at the count" => new ListSetInstruction("Person", I(1), "dogs", 2, S("c")),
            "erase at the count" => new ListEraseInstruction("Person", I(1), "dogs", 2),
            "missing element" => new ListInsertInstruction("Person", I(1), "dogs", 0, S("ghost")),
            "not a list of objects" => new ListClearInstruction("Person", I(1), "scores"),
            _ => new ListClearInstruction("Person", I(9), "dogs"),
        };

        var outcome = model.Apply(Transaction(3, Dog("d"), bad));

        Assert.That((outcome.Status, outcome.InstructionIndex, outcome.Reason), Is.EqualTo((ModelStatus.Refused, 1, reason)));
        Assert.That(model.Identities("Dog"), Has.Count.EqualTo(3), "the INSERT before it did not apply");
    }
}
