using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// Values for valid streams (ADAPTER-PROTOCOL.md section 3), with every edge of <see cref="AdapterValues"/> but weighted
/// so that what a database cannot hold (NaN and infinities, decimals beyond decimal(38,18), dates outside years 1 to
/// 9999, U+0000, strings longer than a key column) is rare: a stream against a database keeps most of its
/// transactions. Links are <see cref="Link"/> placeholders, which <see cref="StreamObjects"/> resolves to objects
/// that exist. Strings are valid UTF-16 (astral characters as pairs), as Realm's UTF-8 requires.
/// </summary>
internal static class StreamValues
{
    private const long TwoPow53PlusOne = (1L << 53) + 1;

    /// <summary>The first and last second that datetime2 holds (0001-01-01 and 9999-12-31T23:59:59).</summary>
    private const long FirstSecond = -62_135_596_800L, LastSecond = 253_402_300_799L;

    /// <summary>A link still to be resolved to an existing object (a class name no schema has: it holds U+0000).</summary>
    public static readonly LinkValue Link = new("\0link", RealmValue.Null);

    /// <summary>Too long for SQL Server's nvarchar(450) and nvarchar(400) key columns.</summary>
    public static readonly string LongText = new('k', 451);

    public static readonly Gen<string> Text = Gen.Frequency(
        (30, Gen.String[Gen.Char[' ', '\u07ff'], 0, 12]),
        (12, Gen.OneOf("", "日本語", "émoji😀", "𝄞", "a\"b\\c", "O'Brien", "tab\there", "line\nbreak", "[\"x\"]", "date", "a--b;", "]", new string('é', 40))),
        (1, Gen.OneOf("nul\0inside", LongText, new string('d', 401))));

    /// <summary>A dictionary key as Realm allows it: no '.', not starting with '$'.</summary>
    public static readonly Gen<string> DictionaryKey = Text.Select(k => (k.StartsWith('$') ? "_" + k[1..] : k).Replace('.', '_'));

    private static readonly Gen<RealmValue> Int = Gen.Frequency(
        (3, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L, TwoPow53PlusOne, -TwoPow53PlusOne)),
        (5, Gen.Long[-1000, 1000]),
        (3, Gen.Long)).Select(v => (RealmValue)new IntValue(v));

    private static readonly Gen<RealmValue> Float = Gen.Frequency(
        (12, Gen.Float[-1e6f, 1e6f]),
        (4, Gen.OneOf(-0.0f, float.MaxValue, float.MinValue, float.Epsilon, 0.1f)),
        (1, Gen.OneOf(float.NaN, float.PositiveInfinity, float.NegativeInfinity))).Select(v => (RealmValue)new FloatValue(v));

    private static readonly Gen<RealmValue> Double = Gen.Frequency(
        (12, Gen.Double[-1e9, 1e9]),
        (4, Gen.OneOf(-0.0, double.MaxValue, double.MinValue, double.Epsilon, 9007199254740993.0, 0.1)),
        (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity))).Select(v => (RealmValue)new DoubleValue(v));

    /// <summary>Seconds and nanoseconds with the same sign, as Realm keeps them; rarely outside years 1 to 9999.</summary>
    private static readonly Gen<RealmValue> Date = Gen.Frequency(
        (10, Gen.Select(Gen.Long[FirstSecond + 1, LastSecond], Gen.Int[0, 999_999_999], (s, n) => (RealmValue)Timestamp(s, n))),
        (3, Gen.OneOf<RealmValue>(Timestamp(0, 0), Timestamp(-1, 1), Timestamp(FirstSecond, 0), Timestamp(LastSecond, 999_999_999), Timestamp(-1, 999_999_999))),
        (1, Gen.OneOf<RealmValue>(Timestamp(long.MinValue, 0), Timestamp(long.MaxValue, 0), Timestamp(FirstSecond - 1, 0), Timestamp(LastSecond + 1, 0))));

    private static readonly Gen<RealmValue> Decimal = Gen.Frequency(
        (10, Gen.Select(Gen.Char['0', '9'].Array[1, 20], Gen.Char['0', '9'].Array[0, 14], Gen.Bool,
            (i, f, negative) => (negative ? "-" : string.Empty) + new string(i) + (f.Length == 0 ? string.Empty : "." + new string(f)))),
        (4, Gen.OneOf("0", "-0", "12.50", "-1E-18", ".5", "99999999999999999999.999999999999999999", "-1.000000000000000000", "1.5E+3")),
        (1, Gen.OneOf("NaN", "Infinity", "-Infinity", "+1000E+6111", "1E-19", "123456789012345678901", "1.234567890123456789012345678901234")))
        .Select(t => (RealmValue)new Decimal128Value(t));

    private static readonly Gen<RealmValue> Uuid = Gen.Frequency(
        (8, Gen.Guid), (1, Gen.OneOf(Guid.Empty, Guid.AllBitsSet))).Select(g => (RealmValue)new UuidValue(g));

    public static readonly Gen<RealmValue> ObjectId = Gen.Byte.Array[12].Select(b => (RealmValue)new ObjectIdValue(Convert.ToHexStringLower(b)));

    private static readonly Gen<RealmValue> Scalar = Gen.OneOf(
        Gen.Const<RealmValue>(RealmValue.Null), Gen.Bool.Select(b => (RealmValue)new BoolValue(b)), Int, Float, Double,
        Text.Select(t => (RealmValue)new StringValue(t)), Element(RealmPropertyType.Data), Date, Decimal, ObjectId, Uuid);

    /// <summary>A mixed value: a scalar, a link, or a list or dictionary nested up to three levels (tagged when written).</summary>
    private static readonly Gen<RealmValue> Mixed = Gen.Recursive<RealmValue>((depth, mixed) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (1, Gen.Const<RealmValue>(Link)),
            (1, mixed.Array[0, 4].Select(items => (RealmValue)new ListValue([.. items]) { InMixed = true })),
            (1, Entries(mixed).Select(entries => (RealmValue)new DictionaryValue(entries) { InMixed = true }))));

    /// <summary>One element of <paramref name="type"/>: a link placeholder for a link.</summary>
    public static Gen<RealmValue> Element(RealmPropertyType type) => type switch
    {
        RealmPropertyType.Bool => Gen.Bool.Select(b => (RealmValue)new BoolValue(b)),
        RealmPropertyType.Int => Int,
        RealmPropertyType.Float => Float,
        RealmPropertyType.Double => Double,
        RealmPropertyType.String => Text.Select(t => (RealmValue)new StringValue(t)),
        RealmPropertyType.Data => Gen.Byte.Array[0, 24].Select(b => (RealmValue)new DataValue(b)),
        RealmPropertyType.Date => Date,
        RealmPropertyType.Decimal128 => Decimal,
        RealmPropertyType.ObjectId => ObjectId,
        RealmPropertyType.Uuid => Uuid,
        RealmPropertyType.Mixed => Mixed,
        _ => Gen.Const<RealmValue>(Link),
    };

    /// <summary>A whole value of <paramref name="property"/> as <c>values</c> holds it (never a list of objects).</summary>
    public static Gen<RealmValue> For(RealmProperty property)
    {
        var element = Element(property.Type);
        if (property.Type != RealmPropertyType.Mixed && (property.Optional || property.IsNullable))
        {
            element = Gen.Frequency((1, Gen.Const<RealmValue>(RealmValue.Null)), (6, element));
        }

        return property.Collection switch
        {
            CollectionKind.List => element.Array[0, 4].Select(items => (RealmValue)new ListValue([.. items])),
            CollectionKind.Set => element.Array[0, 4].Select(items => (RealmValue)new ListValue([.. items.DistinctBy(SetKey)])),
            CollectionKind.Dictionary => Entries(element).Select(entries => (RealmValue)new DictionaryValue(entries)),
            _ => element,
        };
    }

    /// <summary>
    /// What a Realm set compares its elements by: decimal128 by value (0 and -0, 1.5E+3 and 1500 are one element), so
    /// that a generated set is one Realm could send.
    /// </summary>
    private static object SetKey(RealmValue value) =>
        value is Decimal128Value d && Connector.Applier.DecimalText.TryNormalize(d.Text, out var negative, out var integer, out var fraction)
            ? (integer.Length == 0 && fraction.Length == 0 ? "0" : (negative ? "-" : string.Empty) + integer + "." + fraction)
            : value;

    private static TimestampValue Timestamp(long seconds, int nanoseconds) => new TimestampValue(seconds, seconds < 0 ? -nanoseconds : nanoseconds);

    /// <summary>Up to four entries with distinct keys.</summary>
    private static Gen<ImmutableArray<KeyValuePair<string, RealmValue>>> Entries(Gen<RealmValue> value) =>
        Gen.Select(DictionaryKey.Array[0, 4], value.Array[4], (keys, values) =>
            keys.Distinct(StringComparer.Ordinal).Select((k, i) => KeyValuePair.Create(k, values[i])).ToImmutableArray());
}
