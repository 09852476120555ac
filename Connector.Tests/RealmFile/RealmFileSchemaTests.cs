using Connector.RealmFile;
using Connector.RealmSchema;

namespace Connector.Tests.RealmFile;

public sealed class RealmFileSchemaTests
{
    [Test]
    public void Core_test_tables_with_plain_names_are_classes()
    {
        using var reader = RealmFixtures.Open("core-upgrade-20.realm");

        Assert.That(string.Join(' ', reader.Schema.Classes.Select(c => c.Name)), Is.EqualTo("foo bar origin"));
    }

    [Test]
    public void Primary_keys_and_link_targets_come_from_the_table()
    {
        using var reader = RealmFixtures.Open("core-upgrade-20.realm");

        Assert.That(reader.Schema.Find("foo")!.PrimaryKey, Is.EqualTo("id"));
        Assert.That(reader.Schema.Find("bar")!.PrimaryKeyProperty, Is.EqualTo(new RealmProperty("name", RealmPropertyType.String)));
        Assert.That(reader.Schema.Find("origin")!.Properties, Has.Length.EqualTo(2));
        Assert.That(reader.Schema.Find("origin")!.Properties[0], Is.EqualTo(
            new RealmProperty("link1", RealmPropertyType.Object, Optional: true, ObjectType: "foo")));
        Assert.That(reader.Schema.Find("origin")!.Properties[1], Is.EqualTo(
            new RealmProperty("link2", RealmPropertyType.Object, Optional: true, ObjectType: "bar")));
    }

    [Test]
    public void Sdk_class_prefix_is_stripped_and_metadata_left_out_by_default()
    {
        using var reader = RealmFixtures.Open("js-parents-22.realm");

        Assert.That(string.Join(' ', reader.Schema.Classes.Select(c => c.Name)), Is.EqualTo("Child Parent"));
    }

    [Test]
    public void Bookkeeping_tables_are_included_on_request()
    {
        var options = new RealmFileReaderOptions { IncludeBookkeepingTables = true };
        using var reader = RealmFixtures.Open("dotnet-v6db-22.realm", options);

        Assert.That(reader.Schema.Classes, Has.Length.EqualTo(18));
        Assert.That(reader.Schema.Find("metadata"), Is.Not.Null);
        Assert.That(reader.Schema.Find("__Permission"), Is.Not.Null);
    }

    [Test]
    public void Permission_classes_are_left_out_by_default()
    {
        using var reader = RealmFixtures.Open("dotnet-v6db-22.realm");

        Assert.That(reader.Schema.Classes, Has.Length.EqualTo(12));
        Assert.That(reader.Schema.Classes.Select(c => c.Name), Has.None.StartsWith("__"));
    }

    [Test]
    public void Legacy_linklist_column_is_a_list_of_links()
    {
        using var reader = RealmFixtures.Open("js-parents-22.realm");

        Assert.That(reader.Schema.Find("Parent")!.Find("children"), Is.EqualTo(
            new RealmProperty("children", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Child")));
    }

    [Test]
    public void Format_24_collections_have_their_kind_and_nullability()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm");
        var guidType = reader.Schema.Find("GuidType")!;

        Assert.That(string.Join(' ', guidType.Properties.Select(p => p.Shorthand)), Is.EqualTo(
            "uuid uuid uuid[] uuid<> uuid{} uuid? uuid?[] uuid?<> uuid?{} GuidType mixed? mixed?[] mixed?<> mixed?{} EmbeddedGuidType"));
        Assert.That(guidType.PrimaryKey, Is.EqualTo("_id"));
    }

    [Test]
    public void Embedded_flag_gives_an_embedded_class()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm");

        Assert.That(reader.Schema.Find("EmbeddedGuidType")!.Kind, Is.EqualTo(ClassKind.Embedded));
        Assert.That(reader.Schema.Find("GuidType")!.Kind, Is.EqualTo(ClassKind.TopLevel));
    }

    [Test]
    public void Asymmetric_flag_gives_an_asymmetric_class()
    {
        using var reader = RealmFixtures.Open("core-asymmetric-22.realm");

        Assert.That(reader.Schema.Find("ephemeral")!.Kind, Is.EqualTo(ClassKind.Asymmetric));
        Assert.That(reader.Schema.Find("persistent")!.Kind, Is.EqualTo(ClassKind.TopLevel));
    }

    [Test]
    public void Dotnet_migration_person_has_its_ten_properties_in_declaration_order()
    {
        using var reader = RealmFixtures.Open("dotnet-migration-22.realm");

        Assert.That(string.Join(' ', reader.Schema.Find("Person")!.Properties.Select(p => p.Name + ":" + p.Shorthand)), Is.EqualTo(
            "FirstName:string? LastName:string? Score:float Latitude:double Longitude:double Birthday:date Email:string? IsInteresting:bool TriggersSchema:string? Friends:Person[]"));
    }

    [Test]
    public void Sets_of_mixed_string_and_binary_are_optional_sets()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        Assert.That(string.Join(' ', reader.Schema.Find("table_for_mixed")!.Properties.Select(p => p.Shorthand)), Is.EqualTo(
            "int? mixed?<> string?<> data?<>"));
    }

    [TestCase("core-upgrade-20.realm", "foo:6 bar:6 origin:14")]
    [TestCase("core-upgrade-22.realm", "table:1 target:1")]
    [TestCase("core-upgrade-23.realm", "table:10000 target:1 table_for_mixed:1 table2:20")]
    [TestCase("core-asymmetric-22.realm", "ephemeral:3 persistent:3")]
    [TestCase("js-parents-22.realm", "Child:6 Parent:5")]
    [TestCase("js-dates-23.realm", "Date:2")]
    [TestCase("kotlin-objectid-23.realm", "ChildPk:0 ParentPk:2")]
    [TestCase("dotnet-migration-22.realm", "Dog:0 Owner:0 Person:1")]
    public void Object_counts_per_class(string fixture, string expected)
    {
        using var reader = RealmFixtures.Open(fixture);

        var counts = reader.Schema.Classes.Select(c => $"{c.Name}:{reader.CountObjects(c.Name)}");

        Assert.That(string.Join(' ', counts), Is.EqualTo(expected));
    }

    [Test]
    public void Unknown_class_is_an_argument_error_listing_the_classes()
    {
        using var reader = RealmFixtures.Open("js-dates-23.realm");

        var error = Assert.Throws<ArgumentException>(() => reader.CountObjects("Nope"));

        Assert.That(error!.Message, Does.Contain("has no class 'Nope'").And.Contain("Date"));
    }
}
