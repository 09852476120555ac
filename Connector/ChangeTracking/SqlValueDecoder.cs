using System.Data.Common;
using System.Data.SqlTypes;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Connector.Adapter;
using Connector.Applier;
using Connector.RealmSchema;

namespace Connector.ChangeTracking;

/// <summary>
/// A SQL value to the Realm value of ADAPTER-PROTOCOL.md section 3, driven by the property's Realm type, so that
/// SQL-first tables (tinyint, varchar, money, datetimeoffset...) decode through the same path as generated ones.
/// </summary>
public static class SqlValueDecoder
{
    private const int NanosecondsPerTick = 100;

    /// <summary>Decodes column <paramref name="ordinal"/> of the current row.</summary>
    public static RealmValue Decode(DbDataReader record, int ordinal, RealmPropertyType type)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.IsDBNull(ordinal))
        {
            return RealmValue.Null;
        }

        // decimal(38,18) holds values System.Decimal cannot: SqlClient hands those out as SqlDecimal only.
        var value = type == RealmPropertyType.Decimal128 ? record.GetProviderSpecificValue(ordinal) : record.GetValue(ordinal);
        return Decode(value, type);
    }

    public static RealmValue Decode(object? value, RealmPropertyType type) => value switch
    {
        null or DBNull => RealmValue.Null,
        INullable { IsNull: true } => RealmValue.Null,
        _ => type switch
        {
            RealmPropertyType.Bool => new BoolValue((bool)value),
            RealmPropertyType.Int => new IntValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            RealmPropertyType.Float => new FloatValue((float)value),
            RealmPropertyType.Double => new DoubleValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            RealmPropertyType.String => new StringValue((string)value),
            RealmPropertyType.Data => new DataValue((byte[])value),
            RealmPropertyType.Date => Timestamp(value),
            RealmPropertyType.Decimal128 => new Decimal128Value(DecimalString(value)),
            RealmPropertyType.ObjectId => ObjectId((byte[])value),
            RealmPropertyType.Uuid => new UuidValue((Guid)value),
            RealmPropertyType.Mixed => Mixed((string)value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "links are decoded as their target's identity"),
        },
    };

    /// <summary>datetime2 is UTC by the mapping; ticks are 100 ns, and Realm keeps seconds and nanoseconds with one sign.</summary>
    public static TimestampValue Timestamp(object value)
    {
        var utc = value switch
        {
            DateTimeOffset offset => offset.UtcDateTime,
            DateTime date => date,
            _ => throw new ArgumentException($"a {value.GetType().Name} is not a date", nameof(value)),
        };
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        return new TimestampValue(ticks / TimeSpan.TicksPerSecond, (int)(ticks % TimeSpan.TicksPerSecond * NanosecondsPerTick));
    }

    /// <summary>The exact value without the column's padding zeros: decimal(38,18) 1.5 is "1.5", not "1.500000000000000000".</summary>
    public static string DecimalString(object value)
    {
        var text = value switch
        {
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            SqlDecimal d => d.ToString(),
            SqlMoney m => m.ToSqlDecimal().ToString(),
            string t => t, // PostgreSQL's numeric, read as its text (it holds what decimal cannot)
            _ => throw new ArgumentException($"a {value.GetType().Name} is not a decimal", nameof(value)),
        };
        if (text is "NaN" or "Infinity" or "-Infinity")
        {
            return text; // numeric holds them on PostgreSQL; the Adapter writes them so (ADAPTER-PROTOCOL.md section 3)
        }

        DecimalText.TryNormalize(text, out var negative, out var integer, out var fraction);
        var plain = (integer.Length == 0 ? "0" : integer) + (fraction.Length == 0 ? string.Empty : "." + fraction);
        return negative && plain != "0" ? "-" + plain : plain;
    }

    private static ObjectIdValue ObjectId(byte[] bytes) => bytes.Length == 12
        ? new ObjectIdValue(Convert.ToHexStringLower(bytes))
        : throw new ArgumentException($"an objectId has 12 bytes, not {bytes.Length}", nameof(bytes));

    private static RealmValue Mixed(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            if (!reader.Read())
            {
                throw new AdapterFormatException("a mixed column holds no JSON value", "$");
            }

            var value = AdapterValueReader.Read(ref reader, new JsonReadContext());
            return reader.Read()
                ? throw new AdapterFormatException("a mixed column holds more than one JSON value", "$")
                : MixedCoercion.Coerce(value, "$");
        }
        catch (JsonException e)
        {
            throw new AdapterFormatException($"a mixed column holds text that is not JSON: {e.Message}", "$");
        }
    }
}
