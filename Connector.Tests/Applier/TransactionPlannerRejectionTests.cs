using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

/// <summary>Bad input (ADAPTER-PROTOCOL.md section 5): every message names the version, the instruction and the path.</summary>
public class TransactionPlannerRejectionTests
{
    [TestCase("""{"type":"INSERT","object_type":"Cat","identity":"x","values":{}}""",
        "version 7: $.instructions[0].object_type: class 'Cat' is not in the mapped schema; send its ADD_TYPE first (the original Adapter dropped such instructions silently, this connector quarantines them)")]
    [TestCase("""{"type":"SET","object_type":"Dog","identity":"Rex","values":{"wieght":1}}""",
        "version 7: $.instructions[0].values.wieght: class 'Dog' has no property 'wieght'")]
    [TestCase("""{"type":"SET","object_type":"Dog","identity":"Rex","values":{"breed":5}}""",
        "version 7: $.instructions[0].values.breed: expected a string, found 5")]
    [TestCase("""{"type":"INSERT","object_type":"Dog","identity":"Rex","values":{"name":"Max"}}""",
        "version 7: $.instructions[0].values.name: the primary key 'name' differs from the instruction's identity; a primary key cannot change")]
    [TestCase("""{"type":"DELETE","object_type":"Dog","identity":7}""",
        "version 7: $.instructions[0].identity: expected a string, found 7")]
    [TestCase("""{"type":"CHANGE_IDENTITY","object_type":"Dog","identity":"Rex","new_identity":"Max"}""",
        "version 7: $.instructions[0]: class 'Dog' has a primary key; CHANGE_IDENTITY and SWAP_IDENTITY apply only to classes without one")]
    [TestCase("""{"type":"LIST_INSERT","object_type":"Person","identity":["objectId","5f1b2c3d4e5f60718293a4b5"],"property":"nicknames","list_index":0,"object_identity":"x"}""",
        "version 7: $.instructions[0].property: 'Person.nicknames' is string[], not a list of objects; LIST_* instructions apply only to lists of objects")]
    [TestCase("""{"type":"SET","object_type":"Person","identity":["objectId","5f1b2c3d4e5f60718293a4b5"],"values":{"balance":["decimal128","1E+21"]}}""",
        "version 7: $.instructions[0].values.balance: decimal128 '1E+21' does not fit decimal(38,18) (at most 20 digits before the point and 18 after)")]
    [TestCase("""{"type":"SET","object_type":"Person","identity":["objectId","5f1b2c3d4e5f60718293a4b5"],"values":{"born":["timestamp",-62135596801,0]}}""",
        "version 7: $.instructions[0].values.born: the date -62135596801 s after 1970 is outside what datetime2 holds (years 1 to 9999)")]
    public void A_bad_instruction_is_refused_with_its_location(string instruction, string message) =>
        Assert.That(Rejects(instruction).Message, Is.EqualTo(message));

    [Test]
    public void A_string_key_longer_than_the_key_column_is_refused()
    {
        var name = new string('x', 451);

        Assert.That(Rejects($$"""{"type":"DELETE","object_type":"Dog","identity":"{{name}}"}""").Message,
            Is.EqualTo("version 7: $.instructions[0].identity: a string of 451 characters does not fit nvarchar(450) (a key, indexed property or dictionary key holds at most 450)"));
    }

    [Test]
    public void A_property_used_before_the_instruction_that_adds_it_is_refused()
    {
        var e = Rejects("""
            {"type":"SET","object_type":"Dog","identity":"Rex","values":{"weight":1}},
            {"type":"ADD_PROPERTIES","object_type":"Dog","properties":{"weight":"double?"}}
            """);

        Assert.That(e.Message, Is.EqualTo("version 7: $.instructions[0].values.weight: 'Dog.weight' is used before the instruction that adds it (instruction 1); instructions must be in causal order"));
    }

    [Test]
    public void A_class_sent_again_differently_is_refused()
    {
        Assert.That(Rejects("""{"type":"ADD_TYPE","object_type":"Dog","primary_key":"name","properties":{"name":"string"}}""").Message,
            Does.StartWith("version 7: $.instructions[0]: ADD_TYPE 'Dog' differs from the class already mapped"));
    }

    [Test]
    public void A_property_sent_again_with_another_type_is_refused()
    {
        Assert.That(Rejects("""{"type":"ADD_PROPERTIES","object_type":"Dog","properties":{"breed":"int"}}""").Message,
            Is.EqualTo("version 7: $.instructions[0].properties.breed: ADD_PROPERTIES: 'Dog.breed' is already mapped as string?, not int; a property cannot be changed"));
    }
}
