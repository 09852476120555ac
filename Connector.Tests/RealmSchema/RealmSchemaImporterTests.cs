using System.Text.Json;
using Connector.RealmSchema;

namespace Connector.Tests.RealmSchema;

public sealed class RealmSchemaImporterTests
{
    private static RealmProperty Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RealmSchemaImporter.ReadProperty("Dog", "p", document.RootElement);
    }

    private static RealmProperty P(
        RealmPropertyType type, CollectionKind collection = CollectionKind.None, bool optional = false, string? objectType = null,
        bool indexed = false, string? origin = null) =>
        new("p", type, collection, optional, objectType, indexed, origin);

    [TestCase("\"bool\"", RealmPropertyType.Bool)]
    [TestCase("\"int\"", RealmPropertyType.Int)]
    [TestCase("\"float\"", RealmPropertyType.Float)]
    [TestCase("\"double\"", RealmPropertyType.Double)]
    [TestCase("\"string\"", RealmPropertyType.String)]
    [TestCase("\"data\"", RealmPropertyType.Data)]
    [TestCase("\"date\"", RealmPropertyType.Date)]
    [TestCase("\"decimal128\"", RealmPropertyType.Decimal128)]
    [TestCase("\"objectId\"", RealmPropertyType.ObjectId)]
    [TestCase("\"uuid\"", RealmPropertyType.Uuid)]
    [TestCase("{\"type\":\"int\"}", RealmPropertyType.Int)]
    [TestCase("{\"type\":\"uuid\",\"optional\":false}", RealmPropertyType.Uuid)]
    public void Primitive_type_names_are_read_in_shorthand_and_object_shape(string json, RealmPropertyType type) =>
        Assert.That(Read(json), Is.EqualTo(P(type)));

    [Test]
    public void Mixed_is_optional_as_realm_reports_it() =>
        Assert.That(Read("\"mixed\""), Is.EqualTo(P(RealmPropertyType.Mixed, optional: true)));

    [TestCase("\"string?\"")]
    [TestCase("{\"type\":\"string\",\"optional\":true}")]
    [TestCase("{\"type\":\"string\",\"nullable\":true}")]
    [TestCase("{\"type\":\"string?\"}")]
    public void Optional_string_is_read_in_every_shape(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.String, optional: true)));

    [Test]
    public void Shorthand_decimal128_optional_is_read() =>
        Assert.That(Read("\"decimal128?\""), Is.EqualTo(P(RealmPropertyType.Decimal128, optional: true)));

    [TestCase("\"int[]\"")]
    [TestCase("{\"type\":\"list\",\"objectType\":\"int\",\"optional\":false}")]
    [TestCase("{\"type\":\"list\",\"object_type\":\"int\"}")]
    [TestCase("{\"type\":\"int[]\"}")]
    public void Int_list_is_read_in_every_shape(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.Int, CollectionKind.List)));

    [TestCase("\"int?[]\"")]
    [TestCase("{\"type\":\"list\",\"objectType\":\"int\",\"optional\":true}")]
    [TestCase("{\"type\":\"list\",\"object_type\":\"int?\"}")]
    public void Optional_int_list_is_read_in_every_shape(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.Int, CollectionKind.List, optional: true)));

    [TestCase("\"string<>\"")]
    [TestCase("{\"type\":\"set\",\"objectType\":\"string\"}")]
    public void String_set_is_read(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.String, CollectionKind.Set)));

    [TestCase("\"int{}\"")]
    [TestCase("{\"type\":\"dictionary\",\"objectType\":\"int\"}")]
    public void Int_dictionary_is_read(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.Int, CollectionKind.Dictionary)));

    [TestCase("\"Dog\"")]
    [TestCase("\"Dog?\"")]
    [TestCase("{\"type\":\"Dog\"}")]
    [TestCase("{\"type\":\"object\",\"objectType\":\"Dog\",\"optional\":true}")]
    [TestCase("{\"type\":\"object\",\"object_type\":\"Dog\"}")]
    public void To_one_link_is_read_in_every_shape_as_optional(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.Object, optional: true, objectType: "Dog")));

    [TestCase("\"Dog[]\"")]
    [TestCase("{\"type\":\"list\",\"objectType\":\"Dog\"}")]
    [TestCase("{\"type\":\"list\",\"object_type\":\"Dog\"}")]
    public void Link_list_is_read_in_every_shape(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.Object, CollectionKind.List, objectType: "Dog")));

    [Test]
    public void Link_dictionary_is_optional_as_realm_reports_it() =>
        Assert.That(Read("\"Dog{}\""), Is.EqualTo(P(RealmPropertyType.Object, CollectionKind.Dictionary, true, "Dog")));

    [Test]
    public void LinkingObjects_is_read_with_its_origin() =>
        Assert.That(
            Read("{\"type\":\"linkingObjects\",\"objectType\":\"Person\",\"property\":\"dogs\"}"),
            Is.EqualTo(P(RealmPropertyType.LinkingObjects, objectType: "Person", origin: "dogs")));

    [TestCase("{\"type\":\"string\",\"indexed\":true}")]
    [TestCase("{\"type\":\"string\",\"indexed\":\"full-text\"}")]
    public void Indexed_is_read(string json) =>
        Assert.That(Read(json), Is.EqualTo(P(RealmPropertyType.String, indexed: true)));

    [Test]
    public void MapTo_and_default_are_ignored() =>
        Assert.That(Read("{\"type\":\"int\",\"mapTo\":\"x\",\"default\":5}"), Is.EqualTo(P(RealmPropertyType.Int)));

    [Test]
    public void Import_reads_classes_with_primary_key_and_kinds()
    {
        const string json = """
            [
              {"name": "Person", "primaryKey": "id", "properties": {"id": "int", "dogs": "Dog[]", "address": "Address"}},
              {"name": "Dog", "properties": {"name": "string"}},
              {"name": "Address", "embedded": true, "properties": {"city": "string?"}},
              {"name": "Log", "asymmetric": true, "primaryKey": "_id", "properties": {"_id": "objectId"}}
            ]
            """;

        var schema = RealmSchemaImporter.Import(json, "schema.json");

        Assert.That(schema, Is.EqualTo(new RealmSchemaModel([
            new RealmClass("Person", [
                new RealmProperty("id", RealmPropertyType.Int),
                new RealmProperty("dogs", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Dog"),
                new RealmProperty("address", RealmPropertyType.Object, Optional: true, ObjectType: "Address"),
            ], "id"),
            new RealmClass("Dog", [new RealmProperty("name", RealmPropertyType.String)]),
            new RealmClass("Address", [new RealmProperty("city", RealmPropertyType.String, Optional: true)], Kind: ClassKind.Embedded),
            new RealmClass("Log", [new RealmProperty("_id", RealmPropertyType.ObjectId)], "_id", ClassKind.Asymmetric),
        ])));
    }

    [Test]
    public void Import_accepts_an_object_with_a_schema_array() =>
        Assert.That(
            RealmSchemaImporter.Import("{\"schema\": [{\"name\": \"Dog\", \"properties\": {\"n\": \"int\"}}]}", "s.json"),
            Is.EqualTo(new RealmSchemaModel([new RealmClass("Dog", [new RealmProperty("n", RealmPropertyType.Int)])])));
}
