using Connector.Adapter;

namespace Connector.Tests.Adapter;

/// <summary>Collections nested in mixed, built for tests: every value kind, at depth 1, 2 and 3.</summary>
internal static class NestedMixedValues
{
    public static ListValue List(params RealmValue[] items) => new([.. items]) { InMixed = true };

    public static DictionaryValue Dictionary(params (string Key, RealmValue Value)[] entries) =>
        new([.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))]) { InMixed = true };

    /// <summary>Every scalar kind a mixed holds, a link, NaN and a list that looks like a date.</summary>
    public static RealmValue[] Scalars() =>
    [
        RealmValue.Null, new BoolValue(true), new IntValue(long.MinValue), new FloatValue(float.NaN), new DoubleValue(-0.0),
        new DoubleValue(double.NegativeInfinity), new StringValue("date"), new DataValue(new byte[] { 0, 255 }),
        new TimestampValue(-1, -500_000_000), new TimestampValue(5, 123_456_789), new Decimal128Value("-1E-18"),
        new ObjectIdValue("0123456789abcdef01234567"), new UuidValue(Guid.Parse("00000000-0000-0000-0000-000000000001")),
        new LinkValue("Dog", new StringValue("Rex")), new LinkValue("Cat", new IntValue(7)),
        List(new StringValue("date"), new IntValue(5)),
        Dictionary(("type", new StringValue("list")), ("value", new IntValue(1))),
    ];

    /// <summary>A list and a dictionary <paramref name="depth"/> levels deep, holding every kind at every level.</summary>
    public static (ListValue List, DictionaryValue Dictionary) Nested(int depth)
    {
        var list = List(Scalars());
        var dictionary = Dictionary([.. Scalars().Select((v, i) => ($"k{i}", v))]);
        for (var level = 1; level < depth; level++)
        {
            (list, dictionary) = (
                List([.. Scalars(), list, dictionary, List(), Dictionary()]),
                Dictionary([.. Scalars().Select((v, i) => ($"k{i}", v)), ("list", list), ("dictionary", dictionary)]));
        }

        return (list, dictionary);
    }
}
