using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Connector.Adapter;

/// <summary>Writes a value in its ADAPTER-PROTOCOL.md section 3 encoding.</summary>
public static class AdapterValueWriter
{
    /// <exception cref="AdapterFormatException">
    /// A float or double is NaN or infinite. JSON has no form for them; the original Adapter (JSON.stringify) wrote
    /// null, silently turning a value into a different one, so the connector refuses instead.
    /// </exception>
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
                WriteFloatingPoint(writer, d.Value, d.Value);
                break;
            case FloatValue f:
                WriteFloatingPoint(writer, f.Value, f.Value);
                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
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

    /// <summary>The value as an error message shows it: its JSON, shortened; NaN and infinities by name.</summary>
    internal static string Describe(RealmValue value)
    {
        const int MaxLength = 60;
        var json = value switch
        {
            DoubleValue { Value: var d } when !double.IsFinite(d) => d.ToString(CultureInfo.InvariantCulture),
            FloatValue { Value: var f } when !float.IsFinite(f) => f.ToString(CultureInfo.InvariantCulture),
            _ => ToJson(value),
        };
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
    /// an integer (<c>1.0</c>, not <c>1</c>). <paramref name="asDouble"/> decides finiteness for both widths.
    /// </summary>
    private static void WriteFloatingPoint<T>(Utf8JsonWriter writer, T value, double asDouble)
        where T : IUtf8SpanFormattable
    {
        if (!double.IsFinite(asDouble))
        {
            throw new AdapterFormatException(
                $"{asDouble.ToString(CultureInfo.InvariantCulture)} cannot be written as JSON; replace it with null or a finite number", "$");
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
