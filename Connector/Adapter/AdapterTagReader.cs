using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.Adapter;

/// <summary>
/// Reads a tagged array (<c>["date", ms]</c>, <c>["uuid", "..."]</c>...). An array that does not have a tag's exact
/// shape and valid content is not a tagged value but a list (<c>["uuid", "not one"]</c> is a fine list of strings),
/// so this reports "no" rather than an error; the schema-aware coercion then reports the mismatch if there is one.
/// </summary>
internal static partial class AdapterTagReader
{
    private const int NanosPerSecond = 1_000_000_000;

    /// <param name="canonical">false when the value would be written back differently (see RealmValueTags).</param>
    public static bool TryRead(ref Utf8JsonReader reader, out RealmValue? value, out bool canonical)
    {
        value = null;
        canonical = true;
        if (!Next(ref reader, JsonTokenType.String))
        {
            return false;
        }

        if (reader.ValueTextEquals("date"u8))
        {
            value = Next(ref reader, JsonTokenType.Number) && reader.TryGetInt64(out var ms) ? RealmValueTags.FromMilliseconds(ms) : null;
        }
        else if (reader.ValueTextEquals("timestamp"u8))
        {
            value = ReadTimestamp(ref reader, ref canonical);
        }
        else if (reader.ValueTextEquals("data64"u8))
        {
            value = ReadData64(ref reader, ref canonical);
        }
        else if (reader.ValueTextEquals("data"u8))
        {
            // Legacy input only: the string's UTF-8 bytes. It is written back as data64.
            canonical = false;
            value = Next(ref reader, JsonTokenType.String) ? new DataValue(Encoding.UTF8.GetBytes(reader.GetString()!)) : null;
        }
        else if (reader.ValueTextEquals("decimal128"u8))
        {
            value = NextString(ref reader) is { } text && DecimalText().IsMatch(text) ? new Decimal128Value(text) : null;
        }
        else if (reader.ValueTextEquals("objectId"u8))
        {
            value = ReadObjectId(ref reader, ref canonical);
        }
        else if (reader.ValueTextEquals("uuid"u8))
        {
            value = ReadUuid(ref reader, ref canonical);
        }
        else if (reader.ValueTextEquals("link"u8))
        {
            value = ReadLink(ref reader);
        }
        else if (reader.ValueTextEquals("double"u8))
        {
            value = NextString(ref reader) is { } text && RealmValueTags.ParseNonFinite(text) is { } d ? new DoubleValue(d) : null;
        }
        else if (reader.ValueTextEquals("float"u8))
        {
            value = NextString(ref reader) is { } text && RealmValueTags.ParseNonFinite(text) is { } f ? new FloatValue((float)f) : null;
        }

        return value is not null && Next(ref reader, JsonTokenType.EndArray);
    }

    private static bool Next(ref Utf8JsonReader reader, JsonTokenType expected) => reader.Read() && reader.TokenType == expected;

    private static string? NextString(ref Utf8JsonReader reader) => Next(ref reader, JsonTokenType.String) ? reader.GetString() : null;

    private static TimestampValue? ReadTimestamp(ref Utf8JsonReader reader, ref bool canonical)
    {
        if (!Next(ref reader, JsonTokenType.Number) || !reader.TryGetInt64(out var seconds) ||
            !Next(ref reader, JsonTokenType.Number) || !reader.TryGetInt32(out var nanos))
        {
            return null;
        }

        // Realm keeps both parts with the same sign; anything else is not a timestamp Realm could have written.
        if (nanos is <= -NanosPerSecond or >= NanosPerSecond || (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0))
        {
            return null;
        }

        var value = new TimestampValue(seconds, nanos);
        canonical = RealmValueTags.ToMilliseconds(value) is null;
        return value;
    }

    private static DataValue? ReadData64(ref Utf8JsonReader reader, ref bool canonical)
    {
        if (NextString(ref reader) is not { } text)
        {
            return null;
        }

        var bytes = new byte[text.Length * 3 / 4];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return null;
        }

        var value = new DataValue(bytes.AsMemory(0, length));
        canonical = string.Equals(text, Convert.ToBase64String(value.Bytes.Span), StringComparison.Ordinal);
        return value;
    }

    private static ObjectIdValue? ReadObjectId(ref Utf8JsonReader reader, ref bool canonical)
    {
        if (NextString(ref reader) is not { Length: 24 } text || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var hex = text.ToLowerInvariant();
        canonical = string.Equals(hex, text, StringComparison.Ordinal);
        return new ObjectIdValue(hex);
    }

    private static UuidValue? ReadUuid(ref Utf8JsonReader reader, ref bool canonical)
    {
        if (NextString(ref reader) is not { } text || !Guid.TryParseExact(text, "D", out var guid))
        {
            return null;
        }

        canonical = string.Equals(text, guid.ToString("D"), StringComparison.Ordinal);
        return new UuidValue(guid);
    }

    private static LinkValue? ReadLink(ref Utf8JsonReader reader)
    {
        if (NextString(ref reader) is not { } className || !reader.Read())
        {
            return null;
        }

        RealmValue? identity = reader.TokenType switch
        {
            JsonTokenType.String => new StringValue(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetInt64(out var key) => new IntValue(key),
            JsonTokenType.Null => RealmValue.Null,
            _ => null,
        };
        return identity is null ? null : new LinkValue(className, identity);
    }

    // What Decimal128.fromString accepts: a decimal number with optional exponent, NaN and infinities.
    [GeneratedRegex(@"^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|Inf|Infinity)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalText();
}
