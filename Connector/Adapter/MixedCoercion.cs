using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>
/// Interprets a structurally decoded value as a mixed value (ADAPTER-PROTOCOL.md section 3). A collection nested in
/// mixed is tagged at every depth, <c>["list", [...]]</c> and <c>["dictionary", {...}]</c>, and becomes a
/// <see cref="ListValue"/> or <see cref="DictionaryValue"/> marked <c>InMixed</c>; an untagged JSON array or object is
/// bad input, since it cannot be told from a tagged value (a list of "date" and 5 would read as a date).
/// </summary>
/// <remarks>
/// The structural decoder does not know the schema, so it leaves <c>["list", [...]]</c> as a plain array: in a
/// <c>mixed[]</c> property the same JSON is a list of the string "list" and a nested collection. Only here, where
/// the value is known to be mixed, is the tag read.
/// </remarks>
public static class MixedCoercion
{
    /// <exception cref="AdapterFormatException">An untagged array or object, at its path under <paramref name="jsonPath"/>.</exception>
    public static RealmValue Coerce(RealmValue value, string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(jsonPath);
        return value switch
        {
            ListValue { InMixed: true } list => Nested(list, jsonPath, string.Empty),
            DictionaryValue { InMixed: true } dictionary => Nested(dictionary, jsonPath, string.Empty),
            ListValue { Items: [StringValue { Value: RealmValueTags.List }, var items] }
                when RealmValueTags.AsUntaggedList(items) is ListValue { InMixed: false } list => Nested(list, jsonPath, JsonReadContext.Element(1)),
            ListValue { Items: [StringValue { Value: RealmValueTags.Dictionary }, DictionaryValue { InMixed: false } dictionary] } =>
                Nested(dictionary, jsonPath, JsonReadContext.Element(1)),
            ListValue => throw new AdapterFormatException(
                "an untagged JSON array is not a mixed value: write a list nested in mixed as [\"list\", [...]] " +
                $"(a dictionary as [\"dictionary\", {{...}}], a date as [\"date\", <ms>]); found {AdapterValueWriter.Describe(value)}",
                jsonPath),
            DictionaryValue => throw new AdapterFormatException(
                $"an untagged JSON object is not a mixed value: write a dictionary nested in mixed as [\"dictionary\", {{...}}]; found {AdapterValueWriter.Describe(value)}",
                jsonPath),
            _ => value,
        };
    }

    private static ListValue Nested(ListValue list, string jsonPath, string tagged)
    {
        var items = ImmutableArray.CreateBuilder<RealmValue>(list.Items.Length);
        for (var i = 0; i < list.Items.Length; i++)
        {
            items.Add(Element(list.Items[i], jsonPath, tagged, JsonReadContext.Element, (long)i));
        }

        return new ListValue(items.MoveToImmutable()) { InMixed = true };
    }

    private static DictionaryValue Nested(DictionaryValue dictionary, string jsonPath, string tagged)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>(dictionary.Entries.Length);
        foreach (var (key, item) in dictionary.Entries)
        {
            entries.Add(KeyValuePair.Create(key, Element(item, jsonPath, tagged, JsonReadContext.Member, key)));
        }

        return new DictionaryValue(entries.MoveToImmutable()) { InMixed = true };
    }

    /// <summary>An element, its path built only for an error (no string per element on the applier's hot path).</summary>
    private static RealmValue Element<TSegment>(RealmValue element, string jsonPath, string tagged, Func<TSegment, string> segment, TSegment at)
    {
        try
        {
            return Coerce(element, string.Empty);
        }
        catch (AdapterFormatException e)
        {
            throw new AdapterFormatException(e.Problem, jsonPath + tagged + segment(at) + e.JsonPath, e.Version, e.LineNumber, e.InnerException);
        }
    }
}
