using System.Collections.Immutable;
using Connector.InitialLoad;
using Connector.RealmSchema;

namespace Connector.Tests.InitialLoad;

public sealed class ClassOrderTests
{
    private static RealmClass Class(string name, params string[] targets) =>
        new(name, [new RealmProperty("id", RealmPropertyType.Int), .. targets.Select(t => new RealmProperty("to" + t, RealmPropertyType.Object, ObjectType: t))]);

    private static string[] Sort(params RealmClass[] classes) =>
        ClassOrder.Sort(new RealmSchemaModel([.. classes])).Select(c => c.Name).ToArray();

    [Test]
    public void A_class_comes_after_the_classes_its_links_target() =>
        Assert.That(Sort(Class("Person", "Dog", "Address"), Class("Dog", "Address"), Class("Address")), Is.EqualTo(new[] { "Address", "Dog", "Person" }));

    [Test]
    public void Independent_classes_keep_their_declaration_order() =>
        Assert.That(Sort(Class("B"), Class("A"), Class("C")), Is.EqualTo(new[] { "B", "A", "C" }));

    [Test]
    public void A_cycle_is_broken_at_the_first_declared_class() =>
        Assert.That(Sort(Class("Leaf"), Class("Husband", "Wife"), Class("Wife", "Husband", "Leaf")), Is.EqualTo(new[] { "Leaf", "Husband", "Wife" }));

    [Test]
    public void Links_to_itself_and_lists_of_links_count_as_dependencies_the_same_way()
    {
        var parent = new RealmClass("Parent", ImmutableArray.Create(
            new RealmProperty("marriedTo", RealmPropertyType.Object, ObjectType: "Parent"),
            new RealmProperty("children", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Child")));

        Assert.That(Sort(parent, Class("Child")), Is.EqualTo(new[] { "Child", "Parent" }));
    }
}
