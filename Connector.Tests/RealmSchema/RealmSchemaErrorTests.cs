using System.Text.Json;
using Connector.RealmSchema;

namespace Connector.Tests.RealmSchema;

public sealed class RealmSchemaErrorTests
{
    private static string ImportError(string json) =>
        Assert.Throws<RealmSchemaException>(() => RealmSchemaImporter.Import(json, "schema.json"))!.Message;

    private static string ClassesError(string classes) => ImportError("[" + classes + "]");

    [Test]
    public void Invalid_json_names_source_line_and_column() =>
        Assert.That(
            ImportError("[\n  {\"name\": }\n]"),
            Is.EqualTo("schema.json: line 2, column 12: the schema is not valid JSON; export it again with JSON.stringify(realm.schema)."));

    [Test]
    public void Schema_exception_exits_with_bad_input() =>
        Assert.That(Assert.Throws<RealmSchemaException>(() => RealmSchemaImporter.Import("{", "s"))!.ExitCode, Is.EqualTo(ExitCodes.BadInput));

    [Test]
    public void Root_that_is_not_an_array_is_reported() =>
        Assert.That(
            ImportError("5"),
            Is.EqualTo("schema.json: the schema must be a JSON array of classes (what realm.schema returns) or an object with a \"schema\" array."));

    [Test]
    public void Class_without_name_is_reported_by_position() =>
        Assert.That(
            ClassesError("{\"properties\": {}}"),
            Is.EqualTo("schema.json: class #1: \"name\" is missing or not a string; give the class its name."));

    [Test]
    public void Class_without_properties_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\"}"),
            Is.EqualTo("schema.json: class 'Dog': \"properties\" is missing or not an object; give it an object keyed by property name."));

    [Test]
    public void Class_both_embedded_and_asymmetric_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"embedded\": true, \"asymmetric\": true, \"properties\": {}}"),
            Is.EqualTo("schema.json: class 'Dog': is both embedded and asymmetric; a class can be one or the other, remove one flag."));

    [Test]
    public void Unknown_shorthand_type_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"age\": \"int[]?\"}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'age': unknown type 'int[]?'; use a Realm type (bool, int, float, double, " +
                       "string, data, date, decimal128, objectId, uuid, mixed) or a class name, optionally followed by ?, [], <> or {}."));

    [Test]
    public void List_without_object_type_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"tags\": {\"type\": \"list\"}}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'tags': type 'list' needs \"objectType\" naming the element type; add it."));

    [Test]
    public void Object_with_primitive_object_type_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"n\": {\"type\": \"object\", \"objectType\": \"int\"}}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'n': type 'object' needs a class name in \"objectType\", not the primitive 'int'; " +
                       "use \"type\": \"int\" for a primitive."));

    [Test]
    public void Optional_that_is_not_a_bool_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"n\": {\"type\": \"int\", \"optional\": \"yes\"}}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'n': \"optional\" must be true or false, not \"yes\"."));

    [Test]
    public void LinkingObjects_without_property_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"o\": {\"type\": \"linkingObjects\", \"objectType\": \"Person\"}}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'o': type 'linkingObjects' needs \"property\" naming the link in class 'Person' that points here; add it."));

    [Test]
    public void Link_to_missing_class_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"owner\": \"Persn\"}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'owner': links to class 'Persn', which is not in the schema; add the class or correct 'objectType'."));

    [Test]
    public void Link_to_asymmetric_class_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"log\": \"Log\"}}, " +
                         "{\"name\": \"Log\", \"asymmetric\": true, \"primaryKey\": \"_id\", \"properties\": {\"_id\": \"objectId\"}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'log': links to class 'Log', which is asymmetric and cannot be linked to; " +
                       "remove the link or make 'Log' a normal class."));

    [Test]
    public void Set_of_embedded_objects_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"a\": \"Address<>\"}}, {\"name\": \"Address\", \"embedded\": true, \"properties\": {}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'a': is a set of embedded class 'Address', which Realm does not allow; use a list."));

    [Test]
    public void LinkingObjects_with_missing_origin_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {}}, " +
                         "{\"name\": \"Person\", \"properties\": {\"dogs\": {\"type\": \"linkingObjects\", \"objectType\": \"Dog\", \"property\": \"ownr\"}}}"),
            Is.EqualTo("schema.json: class 'Person', property 'dogs': linkingObjects origin 'Dog.ownr' does not exist; " +
                       "correct \"property\" or add 'ownr' to class 'Dog'."));

    [Test]
    public void LinkingObjects_whose_origin_is_not_a_link_here_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"name\": \"string\"}}, " +
                         "{\"name\": \"Person\", \"properties\": {\"dogs\": {\"type\": \"linkingObjects\", \"objectType\": \"Dog\", \"property\": \"name\"}}}"),
            Is.EqualTo("schema.json: class 'Person', property 'dogs': linkingObjects origin 'Dog.name' is string, not a link to class 'Person'; " +
                       "point \"property\" at a link or list of 'Person'."));

    [Test]
    public void Primary_key_naming_a_missing_property_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"primaryKey\": \"id\", \"properties\": {\"name\": \"string\"}}"),
            Is.EqualTo("schema.json: class 'Dog': primary key 'id' is not a property of the class; add the property or correct \"primaryKey\"."));

    [TestCase("double", "double")]
    [TestCase("int[]", "int[]")]
    [TestCase("Dog", "Dog")]
    [TestCase("date?", "date?")]
    public void Primary_key_of_a_disallowed_type_is_reported(string type, string described) =>
        Assert.That(
            ClassesError($"{{\"name\": \"Dog\", \"primaryKey\": \"id\", \"properties\": {{\"id\": \"{type}\"}}}}"),
            Is.EqualTo($"schema.json: class 'Dog', property 'id': is the primary key, which must be int, string, objectId or uuid " +
                       $"(optional or not), not {described}; choose another primary key or change the property's type."));

    [Test]
    public void Optional_string_primary_key_is_allowed() =>
        Assert.That(
            RealmSchemaImporter.Import("[{\"name\": \"Dog\", \"primaryKey\": \"id\", \"properties\": {\"id\": \"string?\"}}]", "s").Classes,
            Has.Length.EqualTo(1));

    [Test]
    public void Primary_key_on_embedded_class_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"A\", \"embedded\": true, \"primaryKey\": \"id\", \"properties\": {\"id\": \"int\"}}"),
            Is.EqualTo("schema.json: class 'A': is embedded, and embedded classes cannot have a primary key; remove \"primaryKey\"."));

    [Test]
    public void Duplicate_class_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {}}, {\"name\": \"Dog\", \"properties\": {}}"),
            Is.EqualTo("schema.json: class 'Dog': is declared more than once; remove the duplicate or rename it."));

    [Test]
    public void Duplicate_property_is_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"Dog\", \"properties\": {\"n\": \"int\", \"n\": \"string\"}}"),
            Is.EqualTo("schema.json: class 'Dog', property 'n': is declared more than once; remove the duplicate or rename it."));

    [Test]
    public void Empty_class_and_property_names_are_reported() =>
        Assert.That(
            ClassesError("{\"name\": \"\", \"properties\": {\"\": \"int\"}}"),
            Is.EqualTo("schema.json: a class has an empty name; give every class a name.\n" +
                       "schema.json: class '': a property has an empty name; give it a name."));

    [Test]
    public void Every_error_of_a_schema_is_reported_one_per_line()
    {
        var exception = Assert.Throws<RealmSchemaException>(() => RealmSchemaImporter.Import(
            "[{\"name\": \"Dog\", \"primaryKey\": \"x\", \"properties\": {\"a\": \"Cat\", \"b\": \"Bird[]\"}}]", "schema.json"))!;

        Assert.That(exception.Errors, Is.EqualTo((string[])[
            "schema.json: class 'Dog': primary key 'x' is not a property of the class; add the property or correct \"primaryKey\".",
            "schema.json: class 'Dog', property 'a': links to class 'Cat', which is not in the schema; add the class or correct 'objectType'.",
            "schema.json: class 'Dog', property 'b': links to class 'Bird', which is not in the schema; add the class or correct 'objectType'.",
        ]));
    }

    [Test]
    public void ReadProperty_names_class_and_property_in_its_error()
    {
        using var document = JsonDocument.Parse("42");

        Assert.That(
            Assert.Throws<RealmSchemaException>(() => RealmSchemaImporter.ReadProperty("Dog", "age", document.RootElement))!.Message,
            Is.EqualTo("class 'Dog', property 'age': must be a type name such as \"string?\" or an object with \"type\", not 42."));
    }

    [Test]
    public void Validate_reports_errors_of_a_model_built_in_code() =>
        Assert.That(
            Assert.Throws<RealmSchemaException>(() => RealmSchemaValidator.Validate(
                new RealmSchemaModel([new RealmClass("Dog", [new RealmProperty("o", RealmPropertyType.Object)])]), "model"))!.Message,
            Is.EqualTo("model: class 'Dog', property 'o': is a link without a target class; set \"objectType\"."));
}
