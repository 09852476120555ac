using Connector.SchemaGeneration;

namespace Connector.Tests.SchemaGeneration;

public class EmbeddedDescendantsTests
{
    private static EmbeddedDescendants Of(SchemaMapping mapping, string className) =>
        EmbeddedDescendants.Of(mapping, mapping.Classes.Single(c => c.Class.Name == className));

    private static List<string> Names(EmbeddedDescendants descendants) => descendants.Classes.Select(c => c.Class.Name).ToList();

    [Test]
    public void A_forty_deep_embedded_chain_is_every_level_once_owners_first_and_no_cycle()
    {
        var descendants = Of(EmbeddedSchemas.Deep, "Root");

        Assert.That(Names(descendants).Take(40), Is.EqualTo(Enumerable.Range(1, 40).Select(i => $"Level{i:D2}")));
        Assert.That(descendants.Cyclic, Is.False);
    }

    [Test]
    public void A_class_embedded_by_two_owners_comes_after_both_and_is_gathered_from_both()
    {
        var descendants = Of(EmbeddedSchemas.Deep, "Root");
        var names = Names(descendants);
        var detail = names.IndexOf("Detail");

        Assert.That(names.Skip(40), Is.EqualTo(new[] { "Item", "Part", "Detail" }));
        Assert.That(descendants.Links.Where(l => l.Target == detail).Select(l => $"{l.Owner.Class.Name}.{l.Property.Property.Name}"),
            Is.EqualTo(new[] { "Item.detail", "Part.detail" }));
        Assert.That(descendants.Links.Where(l => l.OwnerIndex is null).Select(l => l.Property.Property.Name),
            Is.EqualTo(new[] { "child", "items", "itemsByName" }), "the root's embedded links (not its link to another Root)");
    }

    [Test]
    public void An_embedded_class_that_embeds_itself_is_listed_once_and_marked_cyclic()
    {
        var descendants = Of(EmbeddedSchemas.Cyclic, "Tree");

        Assert.That(Names(descendants), Is.EqualTo(new[] { "Node", "Twig" }));
        Assert.That(descendants.Cyclic, Is.True);
        Assert.That(descendants.Links.Select(l => (l.OwnerIndex, l.Property.Property.Name, l.Target)), Is.EqualTo(new (int?, string, int)[]
        {
            (null, "top", 0), (null, "tops", 0), (0, "next", 0), (0, "children", 0), (0, "twig", 1), (1, "back", 0),
        }));
    }

    [Test]
    public void Deleting_an_embedded_class_in_a_cycle_gathers_its_own_class_below_it()
    {
        var descendants = Of(EmbeddedSchemas.Cyclic, "Twig");

        Assert.That(Names(descendants), Is.EqualTo(new[] { "Node", "Twig" }), "Twig's descendants include Twigs under its Nodes");
        Assert.That(descendants.Cyclic, Is.True);
    }

    [Test]
    public void Two_links_to_one_embedded_class_give_it_one_place_and_no_cycle()
    {
        var descendants = Of(EmbeddedSchemas.Cyclic, "Order");

        Assert.That(Names(descendants), Is.EqualTo(new[] { "Address" }));
        Assert.That(descendants.Links.Select(l => l.Property.Property.Name), Is.EqualTo(new[] { "shipTo", "billTo" }));
        Assert.That(descendants.Cyclic, Is.False);
    }

    [Test]
    public void A_class_without_embedded_links_has_no_descendants() =>
        Assert.That(Of(EmbeddedSchemas.Cyclic, "Address").Classes, Is.Empty);
}
