using System.Collections.Immutable;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Tests.SchemaGeneration;

public class SchemaMapperTests
{
    private static SchemaMapping Map(params RealmClass[] classes) =>
        SchemaMapper.Map(new RealmSchemaModel([.. classes]), "/test", "app");

    private static RealmClass Class(string name, string? primaryKey, params RealmProperty[] properties) =>
        new(name, [.. properties], primaryKey);

    private static RealmProperty P(
        string name,
        RealmPropertyType type,
        CollectionKind collection = CollectionKind.None,
        bool Optional = false,
        string? ObjectType = null,
        bool Indexed = false,
        string? LinkOriginProperty = null) => new(name, type, collection, Optional, ObjectType, Indexed, LinkOriginProperty);

    private static SqlTableDefinition Table(SchemaMapping mapping, string name) => mapping.Tables.Single(t => t.Name == name);

    [TestCase(RealmPropertyType.Bool, "bit")]
    [TestCase(RealmPropertyType.Int, "bigint")]
    [TestCase(RealmPropertyType.Float, "real")]
    [TestCase(RealmPropertyType.Double, "float")]
    [TestCase(RealmPropertyType.String, "nvarchar(max)")]
    [TestCase(RealmPropertyType.Data, "varbinary(max)")]
    [TestCase(RealmPropertyType.Date, "datetime2(7)")]
    [TestCase(RealmPropertyType.Decimal128, "decimal(38,18)")]
    [TestCase(RealmPropertyType.ObjectId, "binary(12)")]
    [TestCase(RealmPropertyType.Uuid, "uniqueidentifier")]
    [TestCase(RealmPropertyType.Mixed, "nvarchar(max)")]
    public void Each_primitive_maps_to_the_type_of_DESIGN_section_4(RealmPropertyType type, string sqlType)
    {
        var mapping = Map(Class("C", "id", P("id", RealmPropertyType.Int), new("p", type)));

        Assert.That(Table(mapping, "C").Columns[1], Is.EqualTo(new SqlColumnDefinition("p", sqlType, type == RealmPropertyType.Mixed)));
    }

    [Test]
    public void A_string_primary_key_or_indexed_string_is_nvarchar_450_and_indexed()
    {
        var mapping = Map(Class("C", "id", P("id", RealmPropertyType.String), P("s", RealmPropertyType.String, Indexed: true)));

        Assert.That(Table(mapping, "C").Columns, Is.EqualTo(new SqlColumnDefinition[]
        {
            new("id", "nvarchar(450)", false), new("s", "nvarchar(450)", false),
        }));
        Assert.That(Table(mapping, "C").PrimaryKey, Is.EqualTo(new[] { "id" }));
        Assert.That(Table(mapping, "C").Indexes, Is.EqualTo(new[] { new SqlIndexDefinition("IX_s", ["s"], false) }));
    }

    [Test]
    public void A_class_without_primary_key_is_keyed_by_the_object_identity_column()
    {
        var mapping = Map(Class("Note", null, P("text", RealmPropertyType.String)));

        Assert.That(Table(mapping, "Note").Columns[0], Is.EqualTo(new SqlColumnDefinition("_realm_object_id", "nvarchar(64)", false)));
        Assert.That(mapping.Classes[0].KeyColumn, Is.EqualTo("_realm_object_id"));
    }

    [Test]
    public void A_to_one_link_is_a_nullable_indexed_column_of_the_target_key_type()
    {
        var mapping = Map(
            Class("Dog", "name", P("name", RealmPropertyType.String), P("owner", RealmPropertyType.Object, ObjectType: "Person")),
            Class("Person", "id", P("id", RealmPropertyType.ObjectId)));

        Assert.That(Table(mapping, "Dog").Columns[1], Is.EqualTo(new SqlColumnDefinition("owner", "binary(12)", true)));
        Assert.That(Table(mapping, "Dog").Indexes, Is.EqualTo(new[] { new SqlIndexDefinition("IX_owner", ["owner"], false) }));
    }

    [Test]
    public void A_list_of_objects_is_a_link_table_keyed_by_owner_and_position()
    {
        var mapping = Map(
            Class("Person", "id", P("id", RealmPropertyType.Int), P("dogs", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Dog")),
            Class("Dog", "name", P("name", RealmPropertyType.String)));

        Assert.That(Table(mapping, "Person__dogs"), Is.EqualTo(new SqlTableDefinition(
            "app", "Person__dogs", TableRole.LinkList,
            [new("_owner", "bigint", false), new("_position", "int", false), new("_target", "nvarchar(450)", false)],
            ["_owner", "_position"], true, [new SqlIndexDefinition("IX_target", ["_target"], false)])));
        Assert.That(Table(mapping, "Person").Columns, Has.Length.EqualTo(1));
    }

    [Test]
    public void A_set_and_a_dictionary_of_primitives_are_child_tables()
    {
        var mapping = Map(Class(
            "C", "id", P("id", RealmPropertyType.Int),
            P("tags", RealmPropertyType.String, CollectionKind.Set, Optional: true),
            P("attrs", RealmPropertyType.Mixed, CollectionKind.Dictionary)));

        Assert.That(Table(mapping, "C__tags").Columns, Is.EqualTo(new SqlColumnDefinition[]
        {
            new("_owner", "bigint", false), new("_position", "int", false), new("_value", "nvarchar(max)", true),
        }));
        Assert.That(Table(mapping, "C__tags").Role, Is.EqualTo(TableRole.Set));
        Assert.That(Table(mapping, "C__attrs").Columns, Is.EqualTo(new SqlColumnDefinition[]
        {
            new("_owner", "bigint", false), new("_key", "nvarchar(400)", false), new("_value", "nvarchar(max)", true),
        }));
        Assert.That(Table(mapping, "C__attrs").PrimaryKey, Is.EqualTo(new[] { "_owner", "_key" }));
    }

    [Test]
    public void A_key_too_wide_for_a_clustered_index_is_nonclustered_beside_a_clustered_owner_index()
    {
        var mapping = Map(Class("C", "id", P("id", RealmPropertyType.String), P("d", RealmPropertyType.Int, CollectionKind.Dictionary)));

        Assert.That(Table(mapping, "C__d").PrimaryKeyClustered, Is.False);
        Assert.That(Table(mapping, "C__d").Indexes, Is.EqualTo(new[] { new SqlIndexDefinition("CX_owner", ["_owner"], true) }));
    }

    [Test]
    public void A_class_named_like_a_collection_table_keeps_its_name_and_the_collection_table_is_renamed()
    {
        var mapping = Map(
            Class("A", null, P("b", RealmPropertyType.Int, CollectionKind.List)),
            Class("A__b", null, P("v", RealmPropertyType.Int)));

        Assert.That(mapping.Tables.Select(t => t.Name), Is.EqualTo(new[] { "A", "A__b", "A__b_2" }));
        Assert.That(mapping.Classes[0].Properties[0].ChildTable, Is.EqualTo("A__b_2"));
        Assert.That(mapping.Classes[0].Properties[0].NameResolution, Is.EqualTo("'A__b' is already used in this scope (SQL Server compares names case-insensitively)"));
    }

    [Test]
    public void Linking_objects_are_mapped_to_nothing()
    {
        var mapping = Map(
            Class("Dog", "name", P("name", RealmPropertyType.String), P("owners", RealmPropertyType.LinkingObjects, ObjectType: "Person", LinkOriginProperty: "dog")),
            Class("Person", "id", P("id", RealmPropertyType.Int), P("dog", RealmPropertyType.Object, ObjectType: "Dog")));

        Assert.That(mapping.Classes[0].Properties[1], Is.EqualTo(new PropertyMapping(mapping.Classes[0].Class.Properties[1], null, null, null, null)));
        Assert.That(Table(mapping, "Dog").Columns.Select(c => c.Name), Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Mapping_is_deterministic()
    {
        var schema = SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "hostile-names.json");

        var first = SchemaMapper.Map(schema, "/p", "dbo");
        var second = SchemaMapper.Map(schema, "/p", "dbo");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Hostile_names_are_resolved_and_every_resolution_is_recorded()
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "hostile-names.json"), "/p", "dbo");
        var tableNames = mapping.Tables.Select(t => t.Name.ToUpperInvariant()).ToList();

        Assert.That(tableNames, Is.Unique);
        Assert.That(mapping.Tables.SelectMany(t => t.Columns).Select(c => c.Name.Length), Has.All.LessThanOrEqualTo(128));
        Assert.That(mapping.Tables.Select(t => t.Name.Length), Has.All.LessThanOrEqualTo(128));
        Assert.That(mapping.Classes.Single(c => c.Class.Name == "dog").Table, Is.EqualTo("dog_2"));
        Assert.That(mapping.Classes.Single(c => c.Class.Name == "dog").NameResolution, Is.Not.Null);
        var dog = mapping.Classes.Single(c => c.Class.Name == "Dog");
        Assert.That(dog.Properties.Select(p => p.Column), Is.EqualTo(new[] { "name", "Name_2", "NAME_3", "owner" }));
        foreach (var table in mapping.Tables)
        {
            Assert.That(table.Columns.Select(c => c.Name.ToUpperInvariant()), Is.Unique, table.Name);
        }
    }

    [Test]
    public void A_mapping_survives_its_JSON_form_exactly()
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "every-type.json"), "/p", "dbo");

        Assert.That(SchemaMappingJson.Read(SchemaMappingJson.Write(mapping)), Is.EqualTo(mapping));
    }

    [Test]
    public void A_grown_schema_keeps_every_name_already_mapped()
    {
        var before = Map(
            Class("dog", null, P("x", RealmPropertyType.Int)),
            Class("Dog", null, P("X", RealmPropertyType.Int)));
        var grown = new RealmSchemaModel([
            new RealmClass("DOG", [P("y", RealmPropertyType.Int)]),
            before.Classes[0].Class with { Properties = [P("X", RealmPropertyType.Int), P("x", RealmPropertyType.Int)] },
            before.Classes[1].Class,
        ]);

        var after = SchemaMapper.Map(grown, "/test", "app", before);

        Assert.That(after.Classes.Select(c => (c.Class.Name, c.Table)), Is.EqualTo(new[] { ("DOG", "DOG_3"), ("dog", "dog"), ("Dog", "Dog_2") }));
        Assert.That(after.Classes[1].Properties.Select(p => p.Column), Is.EqualTo(new[] { "X_2", "x" }));
    }
}
