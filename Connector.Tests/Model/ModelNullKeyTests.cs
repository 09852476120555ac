using Connector.Adapter;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

/// <summary>The one object of a class whose optional primary key is null: stored as in Realm, or refused as on SQL Server.</summary>
public sealed class ModelNullKeyTests
{
    private static readonly Instruction[] Stream =
    [
        new InsertInstruction("Tag", RealmValue.Null, PropertyValues.Empty),
        new InsertInstruction("Tag", I(1), Values(("code", I(1)))),
        new SetInstruction("Tag", RealmValue.Null, PropertyValues.Empty),
    ];

    [Test]
    public void Under_store_the_null_keyed_object_is_an_object_like_any_other()
    {
        var model = NewModel(new ModelOptions(NullKeys.Store));

        var outcome = model.Apply(Transaction(2, Stream));

        Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied));
        Assert.That(outcome.LeftOut, Is.Empty);
        Assert.That(model.Identities("Tag"), Is.EquivalentTo(new RealmValue[] { RealmValue.Null, I(1) }));
    }

    [Test]
    public void Under_refuse_the_object_and_the_instructions_naming_it_are_left_out_and_the_rest_applies()
    {
        var model = NewModel(new ModelOptions(NullKeys.Refuse));

        var outcome = model.Apply(Transaction(2, Stream));

        Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied));
        Assert.That(outcome.LeftOut, Has.Length.EqualTo(1));
        Assert.That((outcome.LeftOut[0].ClassName, outcome.LeftOut[0].Instructions), Is.EqualTo(("Tag", new[] { 0, 2 })));
        Assert.That(model.Identities("Tag"), Is.EqualTo(new[] { I(1) }));
    }

    [Test]
    public void Under_refuse_a_list_that_lost_a_null_keyed_element_is_left_alone_for_the_rest_of_the_transaction()
    {
        var model = NewModel(new ModelOptions(NullKeys.Refuse));
        model.Applied(2, new AddTypeInstruction("Bag", [new("id", Connector.RealmSchema.RealmPropertyType.Int),
            new("tags", Connector.RealmSchema.RealmPropertyType.Object, Connector.RealmSchema.CollectionKind.List, ObjectType: "Tag")], "id"),
            new InsertInstruction("Bag", I(1), Values(("id", I(1)))), new InsertInstruction("Tag", I(1), Values(("code", I(1)))));

        var outcome = model.Apply(Transaction(3,
            new ListInsertInstruction("Bag", I(1), "tags", 0, RealmValue.Null),
            new ListInsertInstruction("Bag", I(1), "tags", 1, I(1))));

        Assert.That(outcome.LeftOut.Single().Instructions, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(model.Value("Bag", I(1), "tags"), Is.EqualTo(List()));
    }

    [Test]
    public void A_null_identity_for_a_required_key_is_bad_input_under_either_option()
    {
        var outcome = NewModel(new ModelOptions(NullKeys.Refuse)).Apply(Transaction(2, new InsertInstruction("Dog", RealmValue.Null, PropertyValues.Empty)));

        Assert.That((outcome.Status, outcome.Reason), Is.EqualTo((ModelStatus.Refused, "class 'Dog': the primary key 'name' is required, the identity cannot be null")));
    }
}
