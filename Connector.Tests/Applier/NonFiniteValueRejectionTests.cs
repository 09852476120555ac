using Connector.Adapter;
using Connector.Applier;
using Connector.RealmSchema;
using Connector.Sql;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

/// <summary>
/// SQL Server's float, real and decimal hold finite values only: a NaN or an infinity there is bad input for its
/// transaction, named by class, property and value at the instruction's path. A mixed is tagged JSON text and
/// holds them exactly.
/// </summary>
public class NonFiniteValueRejectionTests
{
    private const string Scores = """{"type":"ADD_PROPERTIES","object_type":"Person","properties":{"scores":"double[]","ratios":"float{}"}},""";

    [TestCase("""{"type":"SET","object_type":"Person","identity":{{Ada}},"values":{"height":["double","NaN"]}}""",
        "version 7: $.instructions[0].values.height: class 'Person', property 'height': NaN cannot be stored in SQL Server (float holds finite values only)")]
    [TestCase("""{"type":"SET","object_type":"Person","identity":{{Ada}},"values":{"height":["float","Infinity"]}}""",
        "version 7: $.instructions[0].values.height: class 'Person', property 'height': Infinity cannot be stored in SQL Server (float holds finite values only)")]
    [TestCase("""{"type":"INSERT","object_type":"Reading","identity":"r1","values":{"sensor":"s","value":["float","-Infinity"]}}""",
        "version 7: $.instructions[0].values.value: class 'Reading', property 'value': -Infinity cannot be stored in SQL Server (real holds finite values only)")]
    [TestCase("""{"type":"SET","object_type":"Person","identity":{{Ada}},"values":{"balance":["decimal128","-Infinity"]}}""",
        "version 7: $.instructions[0].values.balance: class 'Person', property 'balance': decimal128 -Infinity cannot be stored in SQL Server (decimal(38,18) holds finite values only)")]
    [TestCase("""{"type":"SET","object_type":"Person","identity":{{Ada}},"values":{"balance":["decimal128","NaN"]}}""",
        "version 7: $.instructions[0].values.balance: class 'Person', property 'balance': decimal128 NaN cannot be stored in SQL Server (decimal(38,18) holds finite values only)")]
    public void A_non_finite_value_is_refused_by_class_property_and_value(string instruction, string message) =>
        Assert.That(Rejects(instruction.Replace("{{Ada}}", Ada, StringComparison.Ordinal)).Message, Is.EqualTo(message));

    [Test]
    public void A_non_finite_element_of_a_list_is_refused_at_its_index() =>
        Assert.That(
            Rejects(Scores + $$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"scores":[1.5,["double","Infinity"]]}}""").Message,
            Is.EqualTo("version 7: $.instructions[1].values.scores[1]: class 'Person', property 'scores': Infinity cannot be stored in SQL Server (float holds finite values only)"));

    [Test]
    public void A_non_finite_value_of_a_dictionary_is_refused_at_its_key() =>
        Assert.That(
            Rejects(Scores + $$$$"""{"type":"SET","object_type":"Person","identity":{{{{Ada}}}},"values":{"ratios":{"a":0.5,"b c":["float","NaN"]}}}""").Message,
            Is.EqualTo("version 7: $.instructions[1].values.ratios[\"b c\"]: class 'Person', property 'ratios': NaN cannot be stored in SQL Server (real holds finite values only)"));

    [Test]
    public void A_NaN_inside_a_mixed_is_stored_as_its_tagged_json_text()
    {
        var plan = Plan($$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"extra":["double","NaN"]}}""");

        Assert.That(Rows(plan.Calls.Single()).Single(), Does.Contain("[\"double\",\"NaN\"]"));
    }

    [Test]
    public void Minus_zero_is_finite_and_kept_with_its_sign()
    {
        var plan = Plan($$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"height":-0.0}}""");

        Assert.That(Rows(plan.Calls.Single()).Single().OfType<double>().Any(double.IsNegative), Is.True);
    }

    [Test]
    public void The_converter_refuses_a_non_finite_float_at_the_path_it_is_given() =>
        Assert.That(
            Assert.Throws<AdapterFormatException>(() => SqlValueConverter.Convert(
                new FloatValue(float.NaN), RealmPropertyType.Float, SqlColumnType.Parse("real"), "$.x"))!.Message,
            Is.EqualTo("$.x: NaN cannot be stored in SQL Server (real holds finite values only)"));
}
