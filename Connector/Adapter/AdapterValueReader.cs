using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Connector.Adapter;

/// <summary>
/// Decodes one value structurally (see <see cref="RealmValue"/>) from the token the reader is on, leaving the
/// reader on the value's last token.
/// </summary>
internal static class AdapterValueReader
{
    private static readonly BoolValue True = new(true);
    private static readonly BoolValue False = new(false);

    // Above this many keys a hash set finds duplicates faster than comparing each key with the earlier ones.
    private const int LinearDuplicateScanLimit = 16;

    public static RealmValue Read(ref Utf8JsonReader reader, JsonReadContext context) => reader.TokenType switch
    {
        JsonTokenType.Null => RealmValue.Null,
        JsonTokenType.True => True,
        JsonTokenType.False => False,
        JsonTokenType.Number => ReadNumber(ref reader, context),
        JsonTokenType.String => new StringValue(reader.GetString()!),
        JsonTokenType.StartArray => ReadArray(ref reader, context),
        JsonTokenType.StartObject => new DictionaryValue(ReadEntries(ref reader, context)),
        _ => throw context.Expected("a value", ref reader),
    };

    /// <summary>Reads the members of the object the reader is on; a key that appears twice is an error.</summary>
    public static ImmutableArray<KeyValuePair<string, RealmValue>> ReadEntries(ref Utf8JsonReader reader, JsonReadContext context)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>();
        HashSet<string>? keys = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            context.Push(key);
            if (IsDuplicate(key, entries, ref keys))
            {
                // The Adapter never repeats a key; JSON.parse would keep the last, which hides a producer bug.
                throw context.Error("appears twice in the same object; give each key once");
            }

            reader.Read();
            entries.Add(new KeyValuePair<string, RealmValue>(key, Read(ref reader, context)));
            context.Pop();
        }

        return entries.DrainToImmutable();
    }

    private static bool IsDuplicate(string key, ImmutableArray<KeyValuePair<string, RealmValue>>.Builder entries, ref HashSet<string>? keys)
    {
        if (keys is null && entries.Count < LinearDuplicateScanLimit)
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        keys ??= new HashSet<string>(entries.Select(entry => entry.Key), StringComparer.Ordinal);
        return !keys.Add(key);
    }

    private static RealmValue ReadNumber(ref Utf8JsonReader reader, JsonReadContext context)
    {
        if (reader.TryGetInt64(out var integer))
        {
            return new IntValue(integer);
        }

        var text = reader.ValueSpan;
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            throw context.Error($"integer {Encoding.UTF8.GetString(text)} is outside the 64-bit range");
        }

        return reader.TryGetDouble(out var number) && double.IsFinite(number)
            ? new DoubleValue(number)
            : throw context.Error($"number {Encoding.UTF8.GetString(text)} is outside the range of a double");
    }

    private static RealmValue ReadArray(ref Utf8JsonReader reader, JsonReadContext context)
    {
        var start = reader;
        if (AdapterTagReader.TryRead(ref reader, out var tagged, out var canonical))
        {
            if (!canonical)
            {
                RealmValueTags.RememberOriginal(tagged!, ReadList(ref start, context));
            }

            return tagged!;
        }

        reader = start;
        return ReadList(ref reader, context);
    }

    private static ListValue ReadList(ref Utf8JsonReader reader, JsonReadContext context)
    {
        var items = ImmutableArray.CreateBuilder<RealmValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            context.Push(items.Count);
            items.Add(Read(ref reader, context));
            context.Pop();
        }

        return new ListValue(items.DrainToImmutable());
    }
}
