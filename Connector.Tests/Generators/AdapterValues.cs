using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// Random Adapter values (ADAPTER-PROTOCOL.md section 3) with the edge cases weighted in: 64-bit extremes, 2^53+1,
/// negative and far dates with nanoseconds, empty and unicode strings, high-precision decimals, NaN, infinities,
/// -0.0, and collections nested in mixed.
/// </summary>
internal static class AdapterValues
{
    private const long TwoPow53PlusOne = (1L << 53) + 1;

    public static readonly Gen<string> Text = Gen.Frequency(
        (2, Gen.OneOf("", "date", "list", "uuid", "日本語", "émoji😀", "a\"b\\c", "\u0000ctl\n", "[\"x\"]", new string('z', 300))),
        (3, Gen.String[Gen.Char[' ', '\u07ff'], 0, 12]));

    private static readonly Gen<RealmValue> Int = Gen.Frequency(
        (2, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L, TwoPow53PlusOne, -TwoPow53PlusOne)),
        (3, Gen.Long)).Select(v => (RealmValue)new IntValue(v));

    private static readonly Gen<RealmValue> Double = Gen.Frequency(
        (2, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, double.MaxValue, 1.0, 9007199254740993.0)),
        (3, Gen.Double)).Select(v => (RealmValue)new DoubleValue(v));

    private static readonly Gen<RealmValue> Float = Gen.Frequency(
        (2, Gen.OneOf(float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.MaxValue, 0.1f)),
        (3, Gen.Float)).Select(v => (RealmValue)new FloatValue(v));

    /// <summary>Realm keeps seconds and nanoseconds with the same sign.</summary>
    private static readonly Gen<RealmValue> Date = Gen.Select(
        Gen.Frequency((2, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L, -62_135_596_800L, 253_402_300_800L)), (3, Gen.Long[-1L << 40, 1L << 40])),
        Gen.Frequency((1, Gen.OneOf(0, 999_999_999, 500_000_000)), (2, Gen.Int[0, 999_999_999])),
        (seconds, nanos) => (RealmValue)new TimestampValue(seconds, seconds < 0 ? -nanos : nanos));

    private static readonly Gen<RealmValue> Decimal = Gen.Frequency(
        (2, Gen.OneOf("0", "-0", "12.50", "-1E-18", "+1000E+6111", "NaN", "Infinity", "-Infinity", "9999999999999999999999999999999999E6111", ".5")),
        (3, Gen.Select(Gen.Char['0', '9'].Array[1, 34], Gen.Int[-40, 40], Gen.Bool, (d, e, neg) => (neg ? "-" : "") + new string(d) + "E" + e)))
        .Select(t => (RealmValue)new Decimal128Value(t));

    private static readonly Gen<RealmValue> Data = Gen.Byte.Array[0, 24].Select(b => (RealmValue)new DataValue(b));

    private static readonly Gen<RealmValue> ObjectId = Gen.Byte.Array[12].Select(b => (RealmValue)new ObjectIdValue(Convert.ToHexStringLower(b)));

    private static readonly Gen<RealmValue> Uuid = Gen.Guid.Select(g => (RealmValue)new UuidValue(g));

    /// <summary>An identity as a link or an instruction names it: a key, or an opaque object id string.</summary>
    public static readonly Gen<RealmValue> Identity = Gen.OneOf(
        Int, Text.Select(t => (RealmValue)new StringValue(t)), ObjectId, Uuid, Gen.Const<RealmValue>(RealmValue.Null));

    private static readonly Gen<RealmValue> Link = Gen.Select(RealmNames.Name, Gen.OneOf(Int, Text.Select(t => (RealmValue)new StringValue(t)), Gen.Const<RealmValue>(RealmValue.Null)),
        (c, id) => (RealmValue)new LinkValue(c, id));

    /// <summary>A mixed value: any scalar, a link, or a list or dictionary nested up to a few levels.</summary>
    public static readonly Gen<RealmValue> Mixed = Gen.Recursive<RealmValue>((depth, mixed) => depth >= 3
        ? Scalar()
        : Gen.Frequency(
            (6, Scalar()),
            (1, Link),
            (1, mixed.Array[0, 4].Select(items => (RealmValue)new ListValue([.. items]) { InMixed = true })),
            (1, Entries(mixed).Select(entries => (RealmValue)new DictionaryValue(entries) { InMixed = true }))));

    private static Gen<RealmValue> Scalar() => Gen.OneOf(
        Gen.Const<RealmValue>(RealmValue.Null), Gen.Bool.Select(b => (RealmValue)new BoolValue(b)), Int, Float, Double,
        Text.Select(t => (RealmValue)new StringValue(t)), Data, Date, Decimal, ObjectId, Uuid);

    /// <summary>Entries with distinct keys (the codec refuses a key given twice).</summary>
    private static Gen<ImmutableArray<KeyValuePair<string, RealmValue>>> Entries(Gen<RealmValue> value) =>
        Gen.Select(Text.Array[0, 4], value.Array[4], (keys, values) =>
            keys.Distinct(StringComparer.Ordinal).Select((k, i) => KeyValuePair.Create(k, values[i])).ToImmutableArray());

    /// <summary>A value for one element of <paramref name="type"/> (a link's target identity for a link).</summary>
    public static Gen<RealmValue> Element(RealmPropertyType type, bool optional)
    {
        var value = type switch
        {
            RealmPropertyType.Bool => Gen.Bool.Select(b => (RealmValue)new BoolValue(b)),
            RealmPropertyType.Int => Int,
            RealmPropertyType.Float => Float,
            RealmPropertyType.Double => Double,
            RealmPropertyType.String => Text.Select(t => (RealmValue)new StringValue(t)),
            RealmPropertyType.Data => Data,
            RealmPropertyType.Date => Date,
            RealmPropertyType.Decimal128 => Decimal,
            RealmPropertyType.ObjectId => ObjectId,
            RealmPropertyType.Uuid => Uuid,
            RealmPropertyType.Mixed => Mixed,
            _ => Identity,
        };
        return optional ? Gen.Frequency((1, Gen.Const<RealmValue>(RealmValue.Null)), (5, value)) : value;
    }

    /// <summary>A whole value of <paramref name="property"/> as <c>values</c> holds it (collections whole).</summary>
    public static Gen<RealmValue> For(RealmProperty property)
    {
        var element = Element(property.Type, property.IsNullable);
        return property.Collection switch
        {
            CollectionKind.List or CollectionKind.Set => element.Array[0, 5].Select(items => (RealmValue)new ListValue([.. items])),
            CollectionKind.Dictionary => Entries(element).Select(entries => (RealmValue)new DictionaryValue(entries)),
            _ => element,
        };
    }
}
