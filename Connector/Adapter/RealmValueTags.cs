using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Connector.Adapter;

/// <summary>
/// The tagged arrays of ADAPTER-PROTOCOL.md section 3 (<c>["date", ms]</c>, <c>["uuid", "..."]</c>...). A JSON array
/// that has a tag's exact shape is decoded as the tagged value, so a list such as <c>["date", 5]</c> cannot be told
/// from a date without the schema: <see cref="AsUntaggedList"/> lets the schema-aware layer undo the tagging.
/// </summary>
public static class RealmValueTags
{
    public const string Date = "date";
    public const string Timestamp = "timestamp";
    public const string Data64 = "data64";
    public const string LegacyData = "data";
    public const string Decimal128 = "decimal128";
    public const string ObjectId = "objectId";
    public const string Uuid = "uuid";
    public const string Link = "link";
    public const string Float = "float";
    public const string Double = "double";

    /// <summary>The tags of a collection nested in mixed: <c>["list", [...]]</c>, <c>["dictionary", {...}]</c>.</summary>
    public const string List = "list";
    public const string Dictionary = "dictionary";

    /// <summary>The texts of a float or double that JSON cannot write (<c>["double", "NaN"]</c>), spelled exactly so.</summary>
    public const string NaN = "NaN";
    public const string Infinity = "Infinity";
    public const string NegativeInfinity = "-Infinity";

    private const long NanosPerMilli = 1_000_000;

    // The JSON elements of tagged values whose canonical encoding differs from what was read (legacy data,
    // upper-case hex, a timestamp in whole milliseconds), so that AsUntaggedList gives back exactly the input.
    private static readonly ConditionalWeakTable<RealmValue, ListValue> Originals = [];

    /// <summary>Milliseconds since the epoch as Realm keeps them: -1,500 ms is seconds -1, nanoseconds -500,000,000.</summary>
    public static TimestampValue FromMilliseconds(long milliseconds) =>
        new(milliseconds / 1000, (int)(milliseconds % 1000 * NanosPerMilli));

    /// <summary>The whole milliseconds of <paramref name="value"/>, or null when it has finer precision or does not fit.</summary>
    public static long? ToMilliseconds(TimestampValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Nanoseconds % NanosPerMilli != 0 || value.Seconds is > long.MaxValue / 1000 or < long.MinValue / 1000)
        {
            return null;
        }

        return (value.Seconds * 1000) + (value.Nanoseconds / NanosPerMilli);
    }

    /// <summary>
    /// A decoded tagged value turned back into the <see cref="ListValue"/> of its JSON elements, exactly as they
    /// were read; any other value is returned unchanged.
    /// </summary>
    public static RealmValue AsUntaggedList(RealmValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Originals.TryGetValue(value, out var original))
        {
            return original;
        }

        return value switch
        {
            DoubleValue { Value: var d } when !double.IsFinite(d) => Tagged(Double, new StringValue(NonFiniteText(d))),
            FloatValue { Value: var f } when !float.IsFinite(f) => Tagged(Float, new StringValue(NonFiniteText(f))),
            TimestampValue t when ToMilliseconds(t) is { } ms => Tagged(Date, new IntValue(ms)),
            TimestampValue t => Tagged(Timestamp, new IntValue(t.Seconds), new IntValue(t.Nanoseconds)),
            DataValue d => Tagged(Data64, new StringValue(Convert.ToBase64String(d.Bytes.Span))),
            Decimal128Value d => Tagged(Decimal128, new StringValue(d.Text)),
            ObjectIdValue o => Tagged(ObjectId, new StringValue(o.Hex)),
            UuidValue u => Tagged(Uuid, new StringValue(u.Value.ToString("D"))),
            LinkValue l => new ListValue([new StringValue(Link), new StringValue(l.ClassName), l.Identity]),
            _ => value,
        };
    }

    /// <summary>"NaN", "Infinity" or "-Infinity" for a value that is not finite (a float widens exactly).</summary>
    public static string NonFiniteText(double value) =>
        double.IsNaN(value) ? NaN
        : double.IsPositiveInfinity(value) ? Infinity
        : double.IsNegativeInfinity(value) ? NegativeInfinity
        : throw new ArgumentOutOfRangeException(nameof(value), value, "a finite number has a plain JSON form");

    /// <summary>The value of "NaN", "Infinity" or "-Infinity" (case matters, as in the protocol), or null for any other text.</summary>
    public static double? ParseNonFinite(string text) => text switch
    {
        NaN => double.NaN,
        Infinity => double.PositiveInfinity,
        NegativeInfinity => double.NegativeInfinity,
        _ => null,
    };

    internal static void RememberOriginal(RealmValue tagged, ListValue original) => Originals.AddOrUpdate(tagged, original);

    private static ListValue Tagged(string tag, params ReadOnlySpan<RealmValue> rest)
    {
        var items = ImmutableArray.CreateBuilder<RealmValue>(rest.Length + 1);
        items.Add(new StringValue(tag));
        items.AddRange(rest);
        return new ListValue(items.MoveToImmutable());
    }
}
