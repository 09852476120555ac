using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Connector.Adapter;

/// <summary>Writes a value in its ADAPTER-PROTOCOL.md section 3 encoding.</summary>
public static class AdapterValueWriter
{
    /// <remarks>
    /// A float or double that JSON cannot write (NaN, Infinity, -Infinity, which Realm stores) is tagged:
    /// <c>["double", "NaN"]</c>. The original Adapter (JSON.stringify) wrote null, silently changing the value.
    /// </remarks>
    public static void Write(Utf8JsonWriter writer, RealmValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case NullValue:
                writer.WriteNullValue();
                break;
            case BoolValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case IntValue i:
                writer.WriteNumberValue(i.Value);
                break;
            case DoubleValue d:
                WriteFloatingPoint(writer, d.Value, d.Value, RealmValueTags.Double);
                break;
            case FloatValue f:
                WriteFloatingPoint(writer, f.Value, f.Value, RealmValueTags.Float);
                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
                break;
            case ListValue { InMixed: true } or DictionaryValue { InMixed: true }:
                WriteNested(writer, value);
                break;
            case ListValue list:
                WriteList(writer, list);
                break;
            case DictionaryValue dictionary:
                WriteEntries(writer, dictionary.Entries);
                break;
            default:
                WriteTagged(writer, value);
                break;
        }
    }

    /// <summary>The value as one line of JSON, as <see cref="Write"/> writes it.</summary>
    public static string ToJson(RealmValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AdapterCodec.WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The value as an error message shows it: its JSON, shortened.</summary>
    internal static string Describe(RealmValue value)
    {
        const int MaxLength = 60;
        var json = ToJson(value);
        return json.Length <= MaxLength ? json : string.Concat(json.AsSpan(0, MaxLength), "...");
    }

    /// <summary>Writes an object of named values, as <c>values</c> and dictionaries are.</summary>
    public static void WriteEntries(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, RealmValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        writer.WriteStartObject();
        foreach (var (key, item) in entries)
        {
            writer.WritePropertyName(key);
            try
            {
                Write(writer, item);
            }
            catch (AdapterFormatException e)
            {
                throw e.Under(JsonReadContext.Member(key));
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A collection nested in mixed, tagged: <c>["list", [...]]</c> or <c>["dictionary", {...}]</c>.</summary>
    private static void WriteNested(Utf8JsonWriter writer, RealmValue collection)
    {
        writer.WriteStartArray();
        try
        {
            if (collection is ListValue list)
            {
                writer.WriteStringValue(RealmValueTags.List);
                WriteList(writer, list);
            }
            else
            {
                writer.WriteStringValue(RealmValueTags.Dictionary);
                WriteEntries(writer, ((DictionaryValue)collection).Entries);
            }
        }
        catch (AdapterFormatException e)
        {
            throw e.Under(JsonReadContext.Element(1));
        }

        writer.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter writer, ListValue list)
    {
        writer.WriteStartArray();
        for (var i = 0; i < list.Items.Length; i++)
        {
            try
            {
                Write(writer, list.Items[i]);
            }
            catch (AdapterFormatException e)
            {
                throw e.Under(JsonReadContext.Element(i));
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Shortest round-trip text, always with a fraction or exponent so that it reads back as a double and not as
    /// an integer (<c>1.0</c>, not <c>1</c>; <c>-0.0</c> keeps its sign). <paramref name="asDouble"/> decides
    /// finiteness for both widths; NaN and infinities are tagged with <paramref name="tag"/>.
    /// </summary>
    private static void WriteFloatingPoint<T>(Utf8JsonWriter writer, T value, double asDouble, string tag)
        where T : IUtf8SpanFormattable
    {
        if (!double.IsFinite(asDouble))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(tag);
            writer.WriteStringValue(RealmValueTags.NonFiniteText(asDouble));
            writer.WriteEndArray();
            return;
        }

        Span<byte> text = stackalloc byte[40];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        if (text[..length].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            ".0"u8.CopyTo(text[length..]);
            length += 2;
        }

        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteTagged(Utf8JsonWriter writer, RealmValue value)
    {
        writer.WriteStartArray();
        switch (value)
        {
            case TimestampValue t when RealmValueTags.ToMilliseconds(t) is { } ms:
                writer.WriteStringValue(RealmValueTags.Date);
                writer.WriteNumberValue(ms);
                break;
            case TimestampValue t:
                writer.WriteStringValue(RealmValueTags.Timestamp);
                writer.WriteNumberValue(t.Seconds);
                writer.WriteNumberValue(t.Nanoseconds);
                break;
            case DataValue d:
                writer.WriteStringValue(RealmValueTags.Data64);
                writer.WriteBase64StringValue(d.Bytes.Span);
                break;
            case Decimal128Value d:
                writer.WriteStringValue(RealmValueTags.Decimal128);
                writer.WriteStringValue(d.Text);
                break;
            case ObjectIdValue o:
                writer.WriteStringValue(RealmValueTags.ObjectId);
                writer.WriteStringValue(o.Hex);
                break;
            case UuidValue u:
                writer.WriteStringValue(RealmValueTags.Uuid);
                writer.WriteStringValue(u.Value.ToString("D"));
                break;
            case LinkValue l:
                writer.WriteStringValue(RealmValueTags.Link);
                writer.WriteStringValue(l.ClassName);
                Write(writer, l.Identity);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "not a Realm value");
        }

        writer.WriteEndArray();
    }
}
