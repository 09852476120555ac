using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// One text per value, the same whether it was read from the model or from PostgreSQL, so that the two states compare
/// as strings and a divergence prints readably. What PostgreSQL documents as its own is folded on both sides: dates
/// to the microsecond, decimals by value (numeric keeps no exponent, no negative zero). Mixed values compare as their
/// exact JSON text (the json column keeps it). SQL Server's reader (<c>Integration/SqlServerStateTexts.cs</c>) uses
/// <see cref="Model"/> with <see cref="Tick"/>: datetime2(7) keeps every 100 ns tick.
/// </summary>
internal static class Canon
{
    /// <summary>PostgreSQL's date precision, in 100 ns ticks: timestamp keeps microseconds.</summary>
    public const long Microsecond = 10;

    /// <summary>SQL Server's date precision, in 100 ns ticks: datetime2(7) keeps every tick.</summary>
    public const long Tick = 1;

    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>
    /// A model value of a property (or of a collection's element) of <paramref name="type"/>; dates folded to
    /// <paramref name="dateUnit"/> ticks (PostgreSQL's microsecond unless said otherwise).
    /// </summary>
    public static string Model(RealmValue value, RealmPropertyType type, long dateUnit = Microsecond) => value switch
    {
        NullValue => "null",
        _ when type == RealmPropertyType.Mixed => "json " + AdapterValueWriter.ToJson(value),
        BoolValue b => b.Value ? "true" : "false",
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f => f.Value.ToString("R", CultureInfo.InvariantCulture),
        DoubleValue d => d.Value.ToString("R", CultureInfo.InvariantCulture),
        StringValue s => Text(s.Value),
        DataValue d => Convert.ToHexStringLower(d.Bytes.Span),
        TimestampValue t => Ticks(((Int128)t.Seconds * TimeSpan.TicksPerSecond) + (t.Nanoseconds / 100) + EpochTicks, dateUnit),
        Decimal128Value d => Decimal(d.Text),
        ObjectIdValue o => o.Hex.ToLowerInvariant(),
        UuidValue u => u.Value.ToString("D"),
        _ => throw new ArgumentException($"no canonical text for a {value.GetType().Name} of type {type}"),
    };

    /// <summary>A column's value as PostgreSQL prints it (<c>column::text</c>), for a property of <paramref name="type"/>.</summary>
    public static string Database(string? text, RealmPropertyType type) => text switch
    {
        null => "null",
        _ => type switch
        {
            RealmPropertyType.Mixed => "json " + text, // json keeps the text exactly: a double stays a double
            RealmPropertyType.Bool => text is "true" or "t" ? "true" : "false",
            RealmPropertyType.Int => text,
            RealmPropertyType.Float => float.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            RealmPropertyType.Double => double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            RealmPropertyType.String => Text(text),
            RealmPropertyType.Data or RealmPropertyType.ObjectId => text[2..].ToLowerInvariant(),
            RealmPropertyType.Date => Ticks(DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None).Ticks, Microsecond),
            RealmPropertyType.Decimal128 => Decimal(text),
            RealmPropertyType.Uuid => text,
            _ => throw new ArgumentException($"no canonical text for a column of type {type}"),
        },
    };

    private static string Text(string value) => JsonSerializer.Serialize(value);

    private static string Ticks(Int128 ticks, long unit) => "t" + (ticks - (ticks % unit)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal by value: mantissa without trailing zeros and exponent; NaN and the infinities by name.</summary>
    public static string Decimal(string text)
    {
        var unsigned = text.TrimStart('+', '-');
        var negative = text.StartsWith('-');
        switch (unsigned.ToUpperInvariant())
        {
            case "NAN":
                return "NaN";
            case "INF" or "INFINITY":
                return negative ? "-Infinity" : "Infinity";
        }

        var e = unsigned.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : int.Parse(unsigned[(e + 1)..], CultureInfo.InvariantCulture);
        var digits = e < 0 ? unsigned : unsigned[..e];
        var point = digits.IndexOf('.');
        if (point >= 0)
        {
            exponent -= digits.Length - point - 1;
            digits = digits.Remove(point, 1);
        }

        var mantissa = BigInteger.Parse(digits.Length == 0 ? "0" : digits, CultureInfo.InvariantCulture);
        if (mantissa.IsZero)
        {
            return "0";
        }

        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        return (negative ? "-" : "") + mantissa.ToString(CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>JSON with object members sorted and numbers by value.</summary>
    public static string Json(string json)
    {
        var builder = new StringBuilder();
        Append(builder, JsonNode.Parse(json));
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject o:
                builder.Append('{');
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(Text(key)).Append(':');
                    Append(builder, value);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonArray a:
                builder.Append('[');
                foreach (var item in a)
                {
                    Append(builder, item);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            default:
                var element = node.GetValue<JsonElement>();
                builder.Append(element.ValueKind == JsonValueKind.Number ? "n" + Decimal(element.GetRawText()) : element.GetRawText() is var raw && element.ValueKind == JsonValueKind.String ? Text(element.GetString()!) : raw);
                break;
        }
    }
}
