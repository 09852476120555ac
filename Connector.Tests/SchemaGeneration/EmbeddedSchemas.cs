using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Tests.SchemaGeneration;

/// <summary>Schemas with embedded objects for the delete procedure's tests.</summary>
public static class EmbeddedSchemas
{
    /// <summary>A 40-deep embedded chain, an embedded list whose elements own embedded objects and lists (Corpus/deep-embedded.json).</summary>
    public static RealmSchemaModel DeepSchema => SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "deep-embedded.json");

    public static SchemaMapping Deep => SchemaMapper.Map(DeepSchema, "/deep", "app");

    /// <summary>
    /// Embedded classes in cycles: a Node that embeds itself (to-one and in a list) and, through Twig, embeds itself
    /// again. Realm's schema validation refuses such cycles, so this schema is built here rather than imported; the
    /// generated procedures must still end on any data. Order and Address stay acyclic beside them.
    /// </summary>
    public static RealmSchemaModel CyclicSchema => new(
    [
        new RealmClass("Tree", [new("id", RealmPropertyType.String), Link("top", "Node"), Link("tops", "Node", CollectionKind.Dictionary)], "id"),
        Embedded("Node", new("label", RealmPropertyType.String), Link("next", "Node"), Link("children", "Node", CollectionKind.List), Link("twig", "Twig"),
            new("weights", RealmPropertyType.Double, CollectionKind.List)),
        Embedded("Twig", Link("back", "Node"), Link("owner", "Tree")),
        new RealmClass("Order", [new("number", RealmPropertyType.Int), Link("shipTo", "Address"), Link("billTo", "Address")], "number"),
        Embedded("Address", new("street", RealmPropertyType.String), new("lines", RealmPropertyType.String, CollectionKind.List)),
    ]);

    public static SchemaMapping Cyclic => SchemaMapper.Map(CyclicSchema, "/cyclic", "app");

    private static RealmProperty Link(string name, string target, CollectionKind collection = CollectionKind.None) =>
        new(name, RealmPropertyType.Object, collection, ObjectType: target);

    private static RealmClass Embedded(string name, params RealmProperty[] properties) => new(name, [.. properties], Kind: ClassKind.Embedded);
}
