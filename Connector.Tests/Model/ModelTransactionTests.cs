using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

public sealed class ModelTransactionTests
{
    [Test]
    public void A_transaction_with_bad_input_changes_nothing_and_names_the_instruction_and_reason()
    {
        var model = NewModel();

        var outcome = model.Apply(Transaction(2, Dog("a"), new AddPropertiesInstruction("Dog", [new("color", RealmPropertyType.String)]),
            new DeleteInstruction("Dog", S("a")), new DeleteInstruction("Dog", S("a"))));

        Assert.That((outcome.Status, outcome.InstructionIndex, outcome.Reason), Is.EqualTo((ModelStatus.Refused, 3, "Dog \"a\" does not exist")));
        Assert.That(model.Identities("Dog"), Is.Empty);
        Assert.That(model.Classes.Single(c => c.Name == "Dog").Find("color"), Is.Null, "the schema change rolled back too");
        Assert.That(model.LastVersion(RealmPath), Is.EqualTo(1), "a refused transaction does not move the version");
    }

    [Test]
    public void A_transaction_at_or_below_the_last_applied_version_is_skipped()
    {
        var model = NewModel();
        model.Applied(5, Dog("a"));

        var same = model.Apply(Transaction(5, Dog("b")));
        var older = model.Apply(Transaction(3, Dog("c")));

        Assert.That((same.Status, older.Status), Is.EqualTo((ModelStatus.Skipped, ModelStatus.Skipped)));
        Assert.That(model.Identities("Dog"), Is.EqualTo(new[] { S("a") }));
    }

    [Test]
    public void Versions_are_kept_per_realm_path()
    {
        var model = NewModel();

        var outcome = model.Apply(new AdapterTransaction("/other", 1, [Dog("a")]));

        Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied));
        Assert.That((model.LastVersion("/other"), model.LastVersion(RealmPath)), Is.EqualTo(((long?)1, (long?)1)));
    }

    [Test]
    public void Add_properties_adds_to_the_class_and_old_objects_read_the_default()
    {
        var model = NewModel();
        model.Applied(2, Dog("a"));

        model.Applied(3, new AddPropertiesInstruction("Dog", [new("color", RealmPropertyType.String, Optional: true)]));

        Assert.That(model.Value("Dog", S("a"), "color"), Is.EqualTo(RealmValue.Null));
    }

    [Test]
    public void An_add_type_resent_as_it_was_changes_nothing()
    {
        var model = NewModel();
        model.Applied(2, Dog("a"));

        model.Applied(3, Schema().Instructions[0]);

        Assert.That(model.Identities("Dog"), Is.EqualTo(new[] { S("a") }));
    }

    [Test]
    public void An_add_type_that_changes_a_class_kind_is_refused()
    {
        var outcome = NewModel().Apply(Transaction(2, new AddTypeInstruction("Note", [], Embedded: true)));

        Assert.That((outcome.Status, outcome.Reason), Is.EqualTo((ModelStatus.Refused, "ADD_TYPE 'Note' contradicts the class's primary key or kind")));
    }

    [Test]
    public void An_embedded_class_keeps_its_kind()
    {
        Assert.That(NewModel().Classes.Single(c => c.Name == "Address").Kind, Is.EqualTo(ClassKind.Embedded));
    }

    [Test]
    public void Data_for_a_class_without_add_type_is_refused()
    {
        var outcome = NewModel().Apply(Transaction(2, new InsertInstruction("Cat", S("c"), PropertyValues.Empty)));

        Assert.That((outcome.Status, outcome.Reason), Is.EqualTo((ModelStatus.Refused, "class 'Cat' has no ADD_TYPE")));
    }
}
