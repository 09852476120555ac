using Connector.Adapter;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

public sealed class AdapterCodecErrorTests
{
    private const string Known =
        "ADD_TYPE, ADD_PROPERTIES, INSERT, SET, DELETE, CLEAR, LIST_SET, LIST_INSERT, LIST_ERASE, LIST_CLEAR, CHANGE_IDENTITY, SWAP_IDENTITY";

    private static string InstructionError(string instruction) => DecodeError(Transaction(instruction));

    [TestCase("{\"realm_path\":\"/r\",\"version\":7,\"instructions\":[{\"type\":}]}",
        "version 7: $.instructions[0].type: not valid JSON at byte 56")]
    [TestCase("{\"realm_path\":\"/r\",\n\"version\":7,\n\"instructions\":[x]}", "version 7: $.instructions: not valid JSON at line 3, byte 17")]
    [TestCase("", "$: not valid JSON at byte 1")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":7,\"instructions\":[]} x", "version 7: $: unexpected data after the transaction at byte 51; put one transaction per line")]
    [TestCase("[]", "$: expected a transaction object, found an array")]
    [TestCase("{\"version\":7,\"instructions\":[]}", "version 7: $: missing \"realm_path\"")]
    [TestCase("{\"realm_path\":\"/r\",\"instructions\":[]}", "$: missing \"version\"")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":7}", "version 7: $: missing \"instructions\"")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":0,\"instructions\":[]}", "$.version: expected a positive integer, found 0")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":1.5,\"instructions\":[]}", "$.version: expected a positive integer, found 1.5")]
    [TestCase("{\"realm_path\":5,\"version\":7,\"instructions\":[]}", "$.realm_path: expected a non-empty Realm path, found 5")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":7,\"version\":8,\"instructions\":[]}",
        "version 7: $.version: appears twice in the transaction; give each field once")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":7,\"instructions\":{}}", "version 7: $.instructions: expected an array of instructions, found an object")]
    [TestCase("{\"realm_path\":\"/r\",\"version\":7,\"source\":{\"change_tracking_from\":1},\"instructions\":[]}",
        "version 7: $.source: missing \"change_tracking_to\"")]
    public void Malformed_transaction_is_reported(string json, string message) =>
        Assert.That(DecodeError(json), Is.EqualTo(message));

    [Test]
    public void Realm_path_over_1024_utf8_bytes_is_reported() =>
        Assert.That(
            DecodeError($"{{\"realm_path\":\"/{new string('é', 512)}\",\"version\":7,\"instructions\":[]}}"),
            Is.EqualTo("$.realm_path: is 1025 bytes of UTF-8; a Realm path has at most 1024"));

    [Test]
    public void Realm_path_of_exactly_1024_bytes_is_accepted() =>
        Assert.That(
            AdapterCodec.Decode($"{{\"realm_path\":\"{new string('x', 1024)}\",\"version\":7,\"instructions\":[]}}").RealmPath,
            Has.Length.EqualTo(1024));

    [TestCase("5", "version 7: $.instructions[0]: expected an instruction object, found 5")]
    [TestCase("{\"type\":\"MOVE\",\"object_type\":\"A\"}", "version 7: $.instructions[0].type: unknown instruction type \"MOVE\"; the known types are " + Known)]
    [TestCase("{\"type\":1}", "version 7: $.instructions[0].type: expected an instruction type name, found 1")]
    [TestCase("{\"object_type\":\"A\"}", "version 7: $.instructions[0]: missing \"type\"; give the instruction one of " + Known)]
    [TestCase("{\"type\":\"CLEAR\"}", "version 7: $.instructions[0]: missing \"object_type\", which CLEAR requires")]
    [TestCase("{\"type\":\"CLEAR\",\"object_type\":\"\"}", "version 7: $.instructions[0].object_type: expected a class name, found \"\"")]
    [TestCase("{\"type\":\"DELETE\",\"object_type\":\"A\"}", "version 7: $.instructions[0]: missing \"identity\", which DELETE requires")]
    [TestCase("{\"type\":\"DELETE\",\"object_type\":\"A\",\"identity\":1.5}",
        "version 7: $.instructions[0].identity: expected an identity (a string, an integer or null), found 1.5")]
    [TestCase("{\"type\":\"DELETE\",\"object_type\":\"A\",\"identity\":[1,2]}",
        "version 7: $.instructions[0].identity: expected an identity (a string, an integer or null), found [1,2]")]
    [TestCase("{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":1}", "version 7: $.instructions[0]: missing \"values\", which SET requires")]
    [TestCase("{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":1,\"values\":[]}",
        "version 7: $.instructions[0].values: expected an object of property values or null, found an array")]
    [TestCase("{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":1,\"values\":{\"age\":1,\"age\":2}}",
        "version 7: $.instructions[0].values.age: appears twice in the same object; give each key once")]
    [TestCase("{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":1,\"values\":{\"odd key\":123456789012345678901}}",
        "version 7: $.instructions[0].values[\"odd key\"]: integer 123456789012345678901 is outside the 64-bit range")]
    [TestCase("{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":1,\"values\":{\"v\":[1,1e999]}}",
        "version 7: $.instructions[0].values.v[1]: number 1e999 is outside the range of a double")]
    [TestCase("{\"type\":\"LIST_ERASE\",\"object_type\":\"A\",\"identity\":1,\"property\":\"p\",\"list_index\":-1}",
        "version 7: $.instructions[0].list_index: expected a non-negative integer, found -1")]
    [TestCase("{\"type\":\"LIST_ERASE\",\"object_type\":\"A\",\"identity\":1,\"property\":\"p\"}",
        "version 7: $.instructions[0]: missing \"list_index\", which LIST_ERASE requires")]
    [TestCase("{\"type\":\"LIST_SET\",\"object_type\":\"A\",\"identity\":1,\"property\":\"p\",\"list_index\":0}",
        "version 7: $.instructions[0]: missing \"object_identity\", which LIST_SET requires")]
    [TestCase("{\"type\":\"LIST_CLEAR\",\"object_type\":\"A\",\"identity\":1,\"property\":null}",
        "version 7: $.instructions[0].property: expected a property name, found null")]
    [TestCase("{\"type\":\"CHANGE_IDENTITY\",\"object_type\":\"A\",\"identity\":\"a\"}",
        "version 7: $.instructions[0]: missing \"new_identity\", which CHANGE_IDENTITY requires")]
    [TestCase("{\"type\":\"SWAP_IDENTITY\",\"object_type\":\"A\",\"identity\":\"a\"}",
        "version 7: $.instructions[0]: missing \"swap_identity\", which SWAP_IDENTITY requires")]
    [TestCase("{\"type\":\"CLEAR\",\"type\":\"CLEAR\",\"object_type\":\"A\"}",
        "version 7: $.instructions[0].type: appears twice in the same instruction; give each field once")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\"}", "version 7: $.instructions[0]: missing \"properties\", which ADD_TYPE requires")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"primary_key\":1,\"properties\":{}}",
        "version 7: $.instructions[0].primary_key: expected a property name or null, found 1")]
    [TestCase("{\"type\":\"ADD_PROPERTIES\",\"object_type\":\"A\",\"properties\":{\"p\":{\"type\":\"list\"}}}",
        "version 7: $.instructions[0].properties.p: type 'list' needs \"objectType\" naming the element type; add it.")]
    [TestCase("{\"type\":\"ADD_PROPERTIES\",\"object_type\":\"A\",\"properties\":{\"p\":\"int\",\"p\":\"int\"}}",
        "version 7: $.instructions[0].properties.p: appears twice in the same instruction; declare each property once")]
    public void Malformed_instruction_is_reported(string instruction, string message) =>
        Assert.That(InstructionError(instruction), Is.EqualTo(message));

    [Test]
    public void Error_exposes_version_instruction_index_and_path()
    {
        var error = Assert.Throws<AdapterFormatException>(() => AdapterCodec.Decode(Transaction(
            "{\"type\":\"CLEAR\",\"object_type\":\"A\"},{\"type\":\"DELETE\",\"object_type\":\"A\",\"identity\":{}}")))!;

        Assert.That(
            (error.Version, error.InstructionIndex, error.JsonPath, error.LineNumber, error.ExitCode),
            Is.EqualTo(((long?)7, (int?)1, "$.instructions[1].identity", (long?)null, ExitCodes.BadInput)));
    }

    [Test]
    public void Version_read_after_the_error_is_not_known() =>
        Assert.That(
            DecodeError("{\"instructions\":[{\"type\":\"X\"}],\"realm_path\":\"/r\",\"version\":7}"),
            Is.EqualTo("$.instructions[0].type: unknown instruction type \"X\"; the known types are " + Known));
}
