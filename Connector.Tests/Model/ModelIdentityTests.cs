using Connector.Adapter;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

/// <summary>CHANGE_IDENTITY and SWAP_IDENTITY (classes without primary key): the identity and every reference move together.</summary>
public sealed class ModelIdentityTests
{
    private static RealmModel WithNotes()
    {
        var model = NewModel();
        model.Applied(2,
            new InsertInstruction("Note", S("{n1}"), Values(("text", S("one")))),
            new InsertInstruction("Note", S("{n2}"), Values(("text", S("two")))),
            Person(1, ("note", S("{n1}"))),
            new ListInsertInstruction("Person", I(1), "notes", 0, S("{n1}")),
            new ListInsertInstruction("Person", I(1), "notes", 1, S("{n2}")),
            Set("Person", I(1), ("any", new LinkValue("Note", S("{n1}")))));
        return model;
    }

    [Test]
    public void Change_identity_moves_the_object_and_every_reference_to_it()
    {
        var model = WithNotes();

        model.Applied(3, new ChangeIdentityInstruction("Note", S("{n1}"), S("{n9}")));

        Assert.That(model.Identities("Note"), Is.EquivalentTo(new[] { S("{n9}"), S("{n2}") }));
        Assert.That(model.Value("Note", S("{n9}"), "text"), Is.EqualTo(S("one")));
        Assert.That(model.Value("Person", I(1), "note"), Is.EqualTo(S("{n9}")));
        Assert.That(model.Value("Person", I(1), "notes"), Is.EqualTo(List(S("{n9}"), S("{n2}"))));
        Assert.That(model.Value("Person", I(1), "any"), Is.EqualTo(new LinkValue("Note", S("{n9}"))));
    }

    [Test]
    public void Swap_identity_swaps_the_objects_and_every_reference()
    {
        var model = WithNotes();

        model.Applied(3, new SwapIdentityInstruction("Note", S("{n1}"), S("{n2}")));

        Assert.That(model.Value("Note", S("{n1}"), "text"), Is.EqualTo(S("two")));
        Assert.That(model.Value("Note", S("{n2}"), "text"), Is.EqualTo(S("one")));
        Assert.That(model.Value("Person", I(1), "note"), Is.EqualTo(S("{n2}")));
        Assert.That(model.Value("Person", I(1), "notes"), Is.EqualTo(List(S("{n2}"), S("{n1}"))));
    }

    [Test]
    public void Change_identity_to_an_existing_identity_is_refused()
    {
        var outcome = WithNotes().Apply(Transaction(3, new ChangeIdentityInstruction("Note", S("{n1}"), S("{n2}"))));

        Assert.That((outcome.Status, outcome.Reason), Is.EqualTo((ModelStatus.Refused, "CHANGE_IDENTITY to Note \"{n2}\", which exists")));
    }

    [Test]
    public void Change_identity_in_a_class_with_a_primary_key_is_refused()
    {
        var model = WithNotes();
        model.Applied(3, Dog("a"));

        var outcome = model.Apply(Transaction(4, new ChangeIdentityInstruction("Dog", S("a"), S("b"))));

        Assert.That((outcome.Status, outcome.Reason), Is.EqualTo((ModelStatus.Refused, "class 'Dog' has a primary key: its objects' identities cannot change")));
    }
}
