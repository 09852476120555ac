using Connector.Adapter;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

public sealed class AdapterValueCodecTests
{
    private static IEnumerable<TestCaseData> Encodings()
    {
        yield return new TestCaseData("null", RealmValue.Null).SetName("null");
        yield return new TestCaseData("true", new BoolValue(true)).SetName("bool");
        yield return new TestCaseData("9223372036854775807", new IntValue(long.MaxValue)).SetName("long max exact");
        yield return new TestCaseData("-9223372036854775808", new IntValue(long.MinValue)).SetName("long min exact");
        yield return new TestCaseData("9007199254740993", new IntValue(9_007_199_254_740_993)).SetName("2^53+1 exact");
        yield return new TestCaseData("1.5", new DoubleValue(1.5)).SetName("double");
        yield return new TestCaseData("1.0", new DoubleValue(1.0)).SetName("whole double keeps its fraction");
        yield return new TestCaseData("0.1", new DoubleValue(0.1)).SetName("double shortest round trip");
        yield return new TestCaseData("1E+300", new DoubleValue(1e300)).SetName("double with exponent");
        yield return new TestCaseData("-0.0", new DoubleValue(-0.0)).SetName("double -0.0 keeps its sign");
        yield return new TestCaseData("[\"double\",\"NaN\"]", new DoubleValue(double.NaN)).SetName("double NaN");
        yield return new TestCaseData("[\"double\",\"Infinity\"]", new DoubleValue(double.PositiveInfinity)).SetName("double Infinity");
        yield return new TestCaseData("[\"double\",\"-Infinity\"]", new DoubleValue(double.NegativeInfinity)).SetName("double -Infinity");
        yield return new TestCaseData("[\"float\",\"NaN\"]", new FloatValue(float.NaN)).SetName("float NaN");
        yield return new TestCaseData("[\"float\",\"Infinity\"]", new FloatValue(float.PositiveInfinity)).SetName("float Infinity");
        yield return new TestCaseData("[\"float\",\"-Infinity\"]", new FloatValue(float.NegativeInfinity)).SetName("float -Infinity");
        yield return new TestCaseData("[[\"double\",\"NaN\"],-0.0,[\"float\",\"-Infinity\"]]",
            new ListValue([new DoubleValue(double.NaN), new DoubleValue(-0.0), new FloatValue(float.NegativeInfinity)])).SetName("NaN and infinities in a list");
        yield return new TestCaseData("{\"a\":[\"double\",\"Infinity\"],\"b\":-0.0}",
            new DictionaryValue([KeyValuePair.Create<string, RealmValue>("a", new DoubleValue(double.PositiveInfinity)),
                KeyValuePair.Create<string, RealmValue>("b", new DoubleValue(-0.0))])).SetName("NaN and infinities in a dictionary");
        yield return new TestCaseData("[\"decimal128\",\"Infinity\"]", new Decimal128Value("Infinity")).SetName("decimal128 Infinity");
        yield return new TestCaseData("[\"decimal128\",\"-Infinity\"]", new Decimal128Value("-Infinity")).SetName("decimal128 -Infinity");
        yield return new TestCaseData("\"a\\\"é\"", new StringValue("a\"é")).SetName("string");
        yield return new TestCaseData("[\"date\",1500]", new TimestampValue(1, 500_000_000)).SetName("date");
        yield return new TestCaseData("[\"date\",-1500]", new TimestampValue(-1, -500_000_000)).SetName("negative date");
        yield return new TestCaseData("[\"timestamp\",1,5]", new TimestampValue(1, 5)).SetName("timestamp with nanoseconds");
        yield return new TestCaseData("[\"timestamp\",-1,-5]", new TimestampValue(-1, -5)).SetName("negative timestamp");
        yield return new TestCaseData("[\"data64\",\"AP8+\"]", new DataValue(new byte[] { 0, 255, 62 })).SetName("data64");
        yield return new TestCaseData("[\"decimal128\",\"-1.2345678901234567890123456789012345E+6144\"]",
            new Decimal128Value("-1.2345678901234567890123456789012345E+6144")).SetName("big decimal128 keeps its text");
        yield return new TestCaseData("[\"decimal128\",\"NaN\"]", new Decimal128Value("NaN")).SetName("decimal128 NaN");
        yield return new TestCaseData("[\"objectId\",\"0123456789abcdef01234567\"]", new ObjectIdValue("0123456789abcdef01234567")).SetName("objectId");
        yield return new TestCaseData("[\"uuid\",\"6ba7b810-9dad-11d1-80b4-00c04fd430c8\"]",
            new UuidValue(Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"))).SetName("uuid");
        yield return new TestCaseData("[\"link\",\"Dog\",\"rex\"]", new LinkValue("Dog", new StringValue("rex"))).SetName("link in mixed");
        yield return new TestCaseData("[1,\"a\",null]", new ListValue([new IntValue(1), new StringValue("a"), RealmValue.Null])).SetName("list");
        yield return new TestCaseData("{\"k\":[\"date\",0]}",
            new DictionaryValue([KeyValuePair.Create<string, RealmValue>("k", new TimestampValue(0, 0))])).SetName("dictionary");
    }

    [TestCaseSource(nameof(Encodings))]
    public void Value_decodes_from_its_encoding(string json, RealmValue expected) =>
        Assert.That(DecodeValue(json), Is.EqualTo(expected));

    [TestCaseSource(nameof(Encodings))]
    public void Value_encodes_to_its_encoding(string json, RealmValue value) =>
        Assert.That(AdapterValueWriter.ToJson(value), Is.EqualTo(json));

    [Test]
    public void Float_is_written_in_shortest_float_form() =>
        Assert.That(AdapterValueWriter.ToJson(new FloatValue(0.1f)), Is.EqualTo("0.1"));

    [Test]
    public void Whole_float_is_written_with_a_fraction() =>
        Assert.That(AdapterValueWriter.ToJson(new FloatValue(3f)), Is.EqualTo("3.0"));

    [TestCase("1e2")]
    [TestCase("100.0")]
    public void Number_with_fraction_or_exponent_is_a_double(string json) =>
        Assert.That(DecodeValue(json), Is.EqualTo(new DoubleValue(100)));

    [Test]
    public void Millisecond_exact_timestamp_input_is_a_date() =>
        Assert.That(DecodeValue("[\"timestamp\",2,3000000]"), Is.EqualTo(new TimestampValue(2, 3_000_000)));

    [Test]
    public void Millisecond_exact_timestamp_is_written_as_date() =>
        Assert.That(AdapterValueWriter.ToJson(new TimestampValue(-2, -3_000_000)), Is.EqualTo("[\"date\",-2003]"));

    [Test]
    public void Legacy_data_is_the_utf8_bytes_of_its_string() =>
        Assert.That(DecodeValue("[\"data\",\"hé\"]"), Is.EqualTo(new DataValue("hé"u8.ToArray())));

    [Test]
    public void Legacy_data_is_written_back_as_data64() =>
        Assert.That(AdapterValueWriter.ToJson(DecodeValue("[\"data\",\"hi\"]")), Is.EqualTo("[\"data64\",\"aGk=\"]"));

    [Test]
    public void Upper_case_objectId_is_lower_cased() =>
        Assert.That(DecodeValue("[\"objectId\",\"0123456789ABCDEF01234567\"]"), Is.EqualTo(new ObjectIdValue("0123456789abcdef01234567")));

    [TestCase("[\"uuid\",\"6ba7b8109dad11d180b400c04fd430c8\"]")]
    [TestCase("[\"objectId\",\"0123\"]")]
    [TestCase("[\"decimal128\",\"1.2.3\"]")]
    [TestCase("[\"date\",\"x\"]")]
    [TestCase("[\"date\",1,2]")]
    [TestCase("[\"timestamp\",1,-5]")]
    [TestCase("[\"data64\",\"not base64!\"]")]
    [TestCase("[\"link\",\"Dog\",1.5]")]
    public void Array_that_is_not_a_valid_tag_is_a_list(string json) =>
        Assert.That(DecodeValue(json), Is.InstanceOf<ListValue>());

    [TestCase("[\"double\",\"nan\"]")]
    [TestCase("[\"double\",\"Inf\"]")]
    [TestCase("[\"double\",\"-infinity\"]")]
    [TestCase("[\"float\",\"1.5\"]")]
    [TestCase("[\"double\",\"NaN\",1]")]
    public void A_float_or_double_tag_with_other_text_than_the_protocols_is_a_list(string json) =>
        Assert.That(DecodeValue(json), Is.InstanceOf<ListValue>());
}
