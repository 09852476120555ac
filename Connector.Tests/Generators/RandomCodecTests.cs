using System.Text.Json;
using Connector.Adapter;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>Property tests of the Adapter codec on random schemas, values and transactions (no database).</summary>
public class RandomCodecTests
{
    [Test]
    public void Any_generated_transaction_reads_back_exactly_what_was_written() =>
        RandomRuns.Check(AdapterTransactions.WithSchema, pair =>
        {
            var json = AdapterCodec.Encode(pair.Transaction);
            using var document = JsonDocument.Parse(json);
            var read = AdapterCodec.Decode(json);

            Assert.That(StructuralValues.Difference(pair.Transaction, read), Is.Null, json);
            // A float reads back as a double (written "-5.568E+13" then "-55680000000000.0"): from the second trip on, the text is fixed.
            var again = AdapterCodec.Encode(read);
            Assert.That(AdapterCodec.Encode(AdapterCodec.Decode(again)), Is.EqualTo(again), "a second trip, byte for byte");
        }, ciDefault: 300, print: pair => AdapterCodec.Encode(pair.Transaction));

    [Test]
    public void Any_generated_value_is_written_as_valid_json() =>
        RandomRuns.Check(AdapterValues.Mixed, value =>
        {
            using var document = JsonDocument.Parse(AdapterValueWriter.ToJson(value));

            Assert.That(document.RootElement.ValueKind, Is.Not.EqualTo(JsonValueKind.Undefined));
        }, ciDefault: 1000, print: AdapterValueWriter.ToJson);

    [Test]
    public void Any_generated_schema_passes_realm_schema_validation() =>
        RandomRuns.Check(RealmSchemas.Schema, schema =>
            Assert.That(RealmSchemaValidator.FindErrors(schema), Is.Empty), ciDefault: 300, print: RealmSchemaWriter.ToJson);

    [Test]
    public void The_comparison_tells_negative_zero_from_zero_and_nan_from_a_number()
    {
        Assert.That(StructuralValues.Same(new DoubleValue(-0.0), new DoubleValue(0.0)), Is.False);
        Assert.That(StructuralValues.Same(new DoubleValue(double.NaN), new DoubleValue(double.NaN)), Is.True);
        Assert.That(StructuralValues.Same(new DoubleValue(double.NaN), new DoubleValue(1.0)), Is.False);
        Assert.That(StructuralValues.Same(new FloatValue(0.1f), new DoubleValue(0.1)), Is.True, "a float reads back as the double of its text");
    }

    [Test]
    public void The_schema_generator_covers_every_type_collection_kind_and_key()
    {
        var schemas = RealmSchemas.Schema.Array[200].Single(_ => true, "0000000000001");
        var properties = schemas.SelectMany(s => s.Classes).SelectMany(c => c.Properties).ToList();

        Assert.That(properties.Select(p => p.Type).Distinct(), Is.EquivalentTo(Enum.GetValues<RealmPropertyType>()));
        Assert.That(properties.Select(p => p.Collection).Distinct(), Is.EquivalentTo(Enum.GetValues<CollectionKind>()));
        Assert.That(schemas.SelectMany(s => s.Classes).Select(c => c.PrimaryKeyProperty?.Type).Distinct().Count(), Is.EqualTo(5), "none, int, string, objectId, uuid");
        Assert.That(schemas.SelectMany(s => s.Classes).Any(c => c.Kind == ClassKind.Embedded), Is.True);
        Assert.That(properties.Any(p => p.Name.Length > 128) && properties.Any(p => p.Name.Contains(']', StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void The_value_generator_covers_the_edge_values_and_nesting()
    {
        var values = AdapterValues.Mixed.Array[3000].Single(_ => true, "0000000000001").SelectMany(Flatten).ToList();

        Assert.That(values.OfType<DoubleValue>().Any(d => double.IsNaN(d.Value)), Is.True, "NaN");
        Assert.That(values.OfType<DoubleValue>().Any(d => double.IsNegative(d.Value) && d.Value == 0), Is.True, "-0.0");
        Assert.That(values.OfType<FloatValue>().Any(f => float.IsInfinity(f.Value)), Is.True, "float infinity");
        Assert.That(values.OfType<IntValue>().Select(i => i.Value), Is.SupersetOf(new[] { long.MinValue, long.MaxValue, (1L << 53) + 1 }));
        Assert.That(values.OfType<TimestampValue>().Any(t => t.Seconds < 0 && t.Nanoseconds < 0 && t.Nanoseconds % 1_000_000 != 0), Is.True, "a negative date with nanoseconds");
        Assert.That(values.OfType<StringValue>().Any(s => s.Value.Length == 0), Is.True, "the empty string");
        Assert.That(values.OfType<ListValue>().Any(l => l.Items.Any(i => i is DictionaryValue { InMixed: true, Entries.Length: > 0 })), Is.True, "a dictionary nested in a list in mixed");
    }

    private static IEnumerable<RealmValue> Flatten(RealmValue value) => value switch
    {
        ListValue list => list.Items.SelectMany(Flatten).Prepend(value),
        DictionaryValue dictionary => dictionary.Entries.SelectMany(e => Flatten(e.Value)).Prepend(value),
        _ => [value],
    };
}
