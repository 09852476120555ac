using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

/// <summary>ADD_TYPE's optional "embedded" and "asymmetric" flags (ADAPTER-PROTOCOL.md section 2).</summary>
public sealed class AddTypeKindCodecTests
{
    private static readonly RealmProperty City = new("city", RealmPropertyType.String);

    public static IEnumerable<TestCaseData> Flagged =>
    [
        new TestCaseData(new AddTypeInstruction("Address", [City], Embedded: true)).SetArgDisplayNames("embedded"),
        new TestCaseData(new AddTypeInstruction("Event", [City], "city", Asymmetric: true)).SetArgDisplayNames("asymmetric"),
        new TestCaseData(new AddTypeInstruction("Dog", [City], Embedded: false, Asymmetric: false)).SetArgDisplayNames("both false"),
        new TestCaseData(new AddTypeInstruction("Dog", [City])).SetArgDisplayNames("no flag"),
    ];

    [TestCaseSource(nameof(Flagged))]
    public void Add_type_with_its_flags_round_trips(AddTypeInstruction instruction) =>
        Assert.That(AdapterCodec.Decode(AdapterCodec.Encode(Of(instruction))), Is.EqualTo(Of(instruction)));

    [Test]
    public void The_flags_take_part_in_equality() =>
        Assert.That(new AddTypeInstruction("A", [City], Embedded: true), Is.Not.EqualTo(new AddTypeInstruction("A", [City])));

    [Test]
    public void An_embedded_class_is_written_with_the_flag_after_the_object_type() =>
        Assert.That(
            AdapterCodec.Encode(Of(AddTypeInstruction.Of(new RealmClass("Address", [City], Kind: ClassKind.Embedded)))),
            Is.EqualTo("{\"realm_path\":\"/r\",\"version\":7,\"instructions\":[{\"type\":\"ADD_TYPE\",\"object_type\":\"Address\"," +
                       "\"embedded\":true,\"properties\":{\"city\":{\"type\":\"string\",\"nullable\":false}}}]}"));

    [TestCase(ClassKind.TopLevel, null, null)]
    [TestCase(ClassKind.Embedded, true, null)]
    [TestCase(ClassKind.Asymmetric, null, true)]
    public void Of_a_class_flags_only_a_kind_other_than_top_level(ClassKind kind, bool? embedded, bool? asymmetric)
    {
        var instruction = AddTypeInstruction.Of(new RealmClass("A", [City], Kind: kind));

        Assert.That((instruction.Embedded, instruction.Asymmetric, instruction.Kind), Is.EqualTo((embedded, asymmetric, kind)));
    }

    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"embedded\":\"yes\",\"properties\":{}}",
        "version 7: $.instructions[0].embedded: expected true or false, found \"yes\"")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"asymmetric\":1,\"properties\":{}}",
        "version 7: $.instructions[0].asymmetric: expected true or false, found 1")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"embedded\":null,\"properties\":{}}",
        "version 7: $.instructions[0].embedded: expected true or false, found null")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"embedded\":true,\"asymmetric\":true,\"properties\":{}}",
        "version 7: $.instructions[0]: ADD_TYPE 'A' says the class is both embedded and asymmetric; a class is one or the other, remove one flag")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"primary_key\":\"id\",\"embedded\":true,\"properties\":{\"id\":\"int\"}}",
        "version 7: $.instructions[0]: ADD_TYPE 'A' says the class is embedded and gives it primary key 'id'; embedded classes have no primary key, remove one of them")]
    [TestCase("{\"type\":\"ADD_TYPE\",\"object_type\":\"A\",\"embedded\":true,\"embedded\":true,\"properties\":{}}",
        "version 7: $.instructions[0].embedded: appears twice in the same instruction; give each field once")]
    public void Bad_flags_are_reported_with_their_path(string instruction, string message) =>
        Assert.That(DecodeError(Transaction(instruction)), Is.EqualTo(message));
}
