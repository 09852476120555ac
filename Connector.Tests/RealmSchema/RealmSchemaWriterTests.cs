using Connector.RealmSchema;

namespace Connector.Tests.RealmSchema;

public sealed class RealmSchemaWriterTests
{
    private static readonly RealmSchemaModel Sample = new([
        new RealmClass("Person", [
            new RealmProperty("id", RealmPropertyType.ObjectId, Indexed: true),
            new RealmProperty("name", RealmPropertyType.String, Optional: true),
            new RealmProperty("dogs", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Dog"),
            new RealmProperty("tags", RealmPropertyType.String, CollectionKind.Set),
            new RealmProperty("scores", RealmPropertyType.Int, CollectionKind.Dictionary, Optional: true),
            new RealmProperty("misc", RealmPropertyType.Mixed, CollectionKind.List, Optional: true),
            new RealmProperty("address", RealmPropertyType.Object, Optional: true, ObjectType: "Address"),
        ], "id"),
        new RealmClass("Dog", [
            new RealmProperty("born", RealmPropertyType.Date),
            new RealmProperty("weight", RealmPropertyType.Double), new RealmProperty("ratio", RealmPropertyType.Float),
            new RealmProperty("chip", RealmPropertyType.Uuid, Optional: true), new RealmProperty("photo", RealmPropertyType.Data),
            new RealmProperty("price", RealmPropertyType.Decimal128), new RealmProperty("good", RealmPropertyType.Bool),
            new RealmProperty("owners", RealmPropertyType.LinkingObjects, ObjectType: "Person", LinkOriginProperty: "dogs"),
        ]),
        new RealmClass("Address", [new RealmProperty("city", RealmPropertyType.String)], Kind: ClassKind.Embedded),
        new RealmClass("Log", [new RealmProperty("_id", RealmPropertyType.Uuid)], "_id", ClassKind.Asymmetric),
    ]);

    [Test]
    public void Written_schema_imports_back_equal() =>
        Assert.That(RealmSchemaImporter.Import(RealmSchemaWriter.ToJson(Sample), "written"), Is.EqualTo(Sample));

    [Test]
    public void Writes_realm_js_object_shape()
    {
        var schema = new RealmSchemaModel([
            new RealmClass("Dog", [
                new RealmProperty("id", RealmPropertyType.Int),
                new RealmProperty("toys", RealmPropertyType.String, CollectionKind.List, Optional: true),
                new RealmProperty("owners", RealmPropertyType.LinkingObjects, ObjectType: "Dog", LinkOriginProperty: "friend"),
                new RealmProperty("friend", RealmPropertyType.Object, Optional: true, ObjectType: "Dog"),
            ], "id"),
            new RealmClass("Tag", [], Kind: ClassKind.Embedded),
        ]);

        Assert.That(RealmSchemaWriter.ToJson(schema), Is.EqualTo("""
            [
              {
                "name": "Dog",
                "primaryKey": "id",
                "properties": {
                  "id": {
                    "type": "int",
                    "optional": false,
                    "indexed": false
                  },
                  "toys": {
                    "type": "list",
                    "objectType": "string",
                    "optional": true,
                    "indexed": false
                  },
                  "owners": {
                    "type": "linkingObjects",
                    "objectType": "Dog",
                    "optional": false,
                    "indexed": false,
                    "property": "friend"
                  },
                  "friend": {
                    "type": "object",
                    "objectType": "Dog",
                    "optional": true,
                    "indexed": false
                  }
                }
              },
              {
                "name": "Tag",
                "embedded": true,
                "properties": {}
              }
            ]
            """));
    }
}
