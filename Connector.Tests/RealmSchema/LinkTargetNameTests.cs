using System.Text.Json;
using Connector.RealmSchema;
using Connector.Tests.Applier;

namespace Connector.Tests.RealmSchema;

/// <summary>
/// In the object shape, objectType (object_type) names a class verbatim or a primitive element type; it is never a
/// type expression, so class names with spaces, quotes, brackets and '?' are link targets like any other.
/// </summary>
public sealed class LinkTargetNameTests
{
    private static readonly string[] HostileNames = ["Group By", "it's ]]; --", "Added [x]", "Dog?", "Bag<>", "Map{}", "int[]"];

    private static RealmProperty Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RealmSchemaImporter.ReadProperty("Owner", "p", document.RootElement);
    }

    private static string Quoted(string name) => JsonSerializer.Serialize(name);

    [TestCaseSource(nameof(HostileNames))]
    public void A_to_one_link_names_its_class_verbatim_in_both_shapes(string target)
    {
        var expected = new RealmProperty("p", RealmPropertyType.Object, Optional: true, ObjectType: target);

        Assert.That(Read($$"""{"type":"object","objectType":{{Quoted(target)}}}"""), Is.EqualTo(expected));
        Assert.That(Read($$"""{"type":"object","object_type":{{Quoted(target)}}}"""), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(HostileNames))]
    public void A_collection_of_links_names_its_class_verbatim(string target)
    {
        Assert.That(Read($$"""{"type":"list","objectType":{{Quoted(target)}}}"""),
            Is.EqualTo(new RealmProperty("p", RealmPropertyType.Object, CollectionKind.List, ObjectType: target)));
        Assert.That(Read($$"""{"type":"set","object_type":{{Quoted(target)}}}"""),
            Is.EqualTo(new RealmProperty("p", RealmPropertyType.Object, CollectionKind.Set, ObjectType: target)));
        Assert.That(Read($$"""{"type":"dictionary","objectType":{{Quoted(target)}}}"""),
            Is.EqualTo(new RealmProperty("p", RealmPropertyType.Object, CollectionKind.Dictionary, true, target)));
    }

    [TestCaseSource(nameof(HostileNames))]
    public void LinkingObjects_names_its_origin_class_verbatim(string origin) =>
        Assert.That(Read($$"""{"type":"linkingObjects","objectType":{{Quoted(origin)}},"property":"owner"}"""),
            Is.EqualTo(new RealmProperty("p", RealmPropertyType.LinkingObjects, ObjectType: origin, LinkOriginProperty: "owner")));

    [TestCase("int", RealmPropertyType.Int, false)]
    [TestCase("mixed", RealmPropertyType.Mixed, true)]
    [TestCase("decimal128?", RealmPropertyType.Decimal128, true)]
    public void A_primitive_type_name_is_the_element_type_of_a_collection_as_realm_js_reads_it(
        string objectType, RealmPropertyType type, bool optional) =>
        Assert.That(Read($$"""{"type":"list","objectType":"{{objectType}}"}"""),
            Is.EqualTo(new RealmProperty("p", type, CollectionKind.List, optional)));

    [Test]
    public void The_shorthand_still_parses_type_expressions() =>
        Assert.That(Read("\"Dog?[]\""), Is.EqualTo(new RealmProperty("p", RealmPropertyType.Object, CollectionKind.List, true, "Dog")));

    [Test]
    public void An_empty_objectType_is_refused() =>
        Assert.That(
            Assert.Throws<RealmSchemaException>(() => Read("""{"type":"list","objectType":""}"""))!.Message,
            Does.StartWith("class 'Owner', property 'p': \"objectType\" is empty;"));

    [Test]
    public void A_schema_linking_to_hostile_class_names_imports_and_validates()
    {
        var schema = RealmSchemaImporter.Import(
            """
            [
              {"name": "Group By", "primaryKey": "id", "properties": {"id": "int", "owner": "Owner"}},
              {"name": "it's ]]; --", "properties": {"n": "string"}},
              {"name": "Added [x]", "embedded": true, "properties": {"n": "string"}},
              {"name": "Owner", "properties": {
                "group": {"type": "object", "objectType": "Group By"},
                "many": {"type": "list", "objectType": "it's ]]; --"},
                "added": {"type": "dictionary", "object_type": "Added [x]"},
                "back": {"type": "linkingObjects", "objectType": "Group By", "property": "owner"}}}
            ]
            """,
            "schema.json");

        Assert.That(schema.Find("Owner")!.Properties.Select(p => p.ObjectType),
            Is.EqualTo(new[] { "Group By", "it's ]]; --", "Added [x]", "Group By" }));
    }

    [Test]
    public void An_ADD_TYPE_linking_to_hostile_class_names_is_planned_not_refused()
    {
        var plan = PlannerFixture.Plan("""
            {"type":"ADD_TYPE","object_type":"Group By","primary_key":"id","properties":{"id":{"type":"int","nullable":false}}},
            {"type":"ADD_TYPE","object_type":"it's ]]; --","properties":{"n":{"type":"string","nullable":false}}},
            {"type":"ADD_TYPE","object_type":"Added [x]","properties":{"n":"string"}},
            {"type":"ADD_TYPE","object_type":"Linker","properties":{
              "one":{"type":"object","object_type":"Group By"},
              "list":{"type":"list","object_type":"it's ]]; --"},
              "dict":{"type":"dictionary","objectType":"Added [x]"}}},
            {"type":"INSERT","object_type":"Group By","identity":1,"values":{"id":1}},
            {"type":"INSERT","object_type":"Linker","identity":"{0001-0000}","values":{"one":1}}
            """);

        Assert.That(plan.SchemaChanged, Is.True);
        Assert.That(plan.Mapping.Classes.Single(c => c.Class.Name == "Linker").Class.Properties.Select(p => p.ObjectType),
            Is.EqualTo(new[] { "Group By", "it's ]]; --", "Added [x]" }));
    }
}
