using System.Data.SqlTypes;
using System.Globalization;
using Connector.Adapter;
using Connector.Configuration;
using Connector.Postgres;
using Connector.RealmSchema;
using Connector.Sql;

namespace Connector.Applier;

/// <summary>
/// A coerced Realm value to the CLR value of its SQL column, checked against the column's range: a value
/// SQL Server cannot hold is bad input (ADAPTER-PROTOCOL.md section 5), never silently cut.
/// </summary>
public static class SqlValueConverter
{
    private static readonly DateTime MinDate = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    /// <param name="owner">
    /// The class and property the value is for, named in the error when SQL Server cannot hold it at all (NaN,
    /// infinities); null where the path says enough (keys).
    /// </param>
    /// <param name="provider">
    /// The database (<see cref="PostgresValues"/>): PostgreSQL holds NaN, infinities and every decimal128, but no
    /// U+0000 in text, and dates to the microsecond.
    /// </param>
    public static object? Convert(
        RealmValue value, RealmPropertyType type, SqlColumnType column, string jsonPath, (string Class, string Property)? owner = null,
        DatabaseProvider provider = DatabaseProvider.SqlServer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(column);
        if (value is NullValue)
        {
            return null;
        }

        if (provider == DatabaseProvider.Postgres && PostgresValues.Convert(value, type, column, jsonPath, owner) is { } converted)
        {
            return converted;
        }

        if (type == RealmPropertyType.Mixed)
        {
            // The mixed column is tagged JSON text: ["double", "NaN"] is stored, and read back, exactly.
            return AdapterValueWriter.ToJson(value);
        }

        return value switch
        {
            BoolValue b => b.Value,
            IntValue i when column.DbType == System.Data.SqlDbType.NVarChar => Text(i.Value.ToString(CultureInfo.InvariantCulture), column, jsonPath),
            IntValue i => i.Value,
            FloatValue f => float.IsFinite(f.Value) ? f.Value : throw NotFinite(value, column, jsonPath, owner),
            DoubleValue d => double.IsFinite(d.Value) ? d.Value : throw NotFinite(value, column, jsonPath, owner),
            StringValue s => Text(s.Value, column, jsonPath),
            DataValue d => d.Bytes.ToArray(),
            TimestampValue t => Date(t, jsonPath),
            Decimal128Value d => Decimal(d, column, jsonPath, owner),
            ObjectIdValue o => System.Convert.FromHexString(o.Hex),
            UuidValue u => u.Value,
            _ => throw new AdapterFormatException($"a {value.GetType().Name} cannot be stored in a {column.Text} column", jsonPath),
        };
    }

    /// <summary>The Realm default of a required property that an INSERT did not give (Realm's own defaults).</summary>
    public static object? Default(RealmPropertyType type) => type switch
    {
        RealmPropertyType.Bool => false,
        RealmPropertyType.Int => 0L,
        RealmPropertyType.Float => 0f,
        RealmPropertyType.Double => 0d,
        RealmPropertyType.String => string.Empty,
        RealmPropertyType.Data => Array.Empty<byte>(),
        RealmPropertyType.Date => DateTime.UnixEpoch,
        RealmPropertyType.Decimal128 => new SqlDecimal(0m),
        RealmPropertyType.ObjectId => new byte[12],
        RealmPropertyType.Uuid => Guid.Empty,
        _ => null,
    };

    internal static string Text(string text, SqlColumnType column, string jsonPath) =>
        column.MaxLength == SqlColumnType.Max || text.Length <= column.MaxLength
            ? text
            : throw new AdapterFormatException(
                $"a string of {text.Length} characters does not fit {column.Text} (a key, indexed property or dictionary key holds at most {column.MaxLength})",
                jsonPath);

    /// <summary>datetime2(7) holds 100-nanosecond ticks from year 1 to 9999: sub-tick nanoseconds are truncated.</summary>
    internal static DateTime Date(TimestampValue value, string jsonPath)
    {
        var ticks = (Int128)value.Seconds * TimeSpan.TicksPerSecond + value.Nanoseconds / 100;
        var fromMin = ticks + DateTime.UnixEpoch.Ticks;
        if (fromMin < 0 || fromMin > DateTime.MaxValue.Ticks)
        {
            throw new AdapterFormatException(
                $"the date {value.Seconds} s after 1970 is outside what datetime2 holds (years 1 to 9999)", jsonPath);
        }

        return MinDate.AddTicks((long)fromMin);
    }

    /// <summary>
    /// SQL Server's float, real and decimal hold finite values only (no NaN, no infinity: "float and real" and
    /// "decimal and numeric" in the T-SQL reference), so such a value is bad input for its transaction, by name.
    /// </summary>
    private static AdapterFormatException NotFinite(RealmValue value, SqlColumnType column, string jsonPath, (string Class, string Property)? owner)
    {
        var subject = owner is var (className, property) ? $"class '{className}', property '{property}': " : string.Empty;
        var shown = value switch
        {
            DoubleValue d => RealmValueTags.NonFiniteText(d.Value),
            FloatValue f => RealmValueTags.NonFiniteText(f.Value),
            _ => $"decimal128 {((Decimal128Value)value).Text}",
        };
        return new AdapterFormatException($"{subject}{shown} cannot be stored in SQL Server ({column.Text} holds finite values only)", jsonPath);
    }

    private static SqlDecimal Decimal(Decimal128Value value, SqlColumnType column, string jsonPath, (string Class, string Property)? owner)
    {
        var text = value.Text;
        if (!DecimalText.TryNormalize(text, out var sign, out var integer, out var fraction))
        {
            throw text.TrimStart('+', '-') is "NaN" or "Inf" or "Infinity"
                ? NotFinite(value, column, jsonPath, owner)
                : new AdapterFormatException($"decimal128 '{text}' does not fit {column.Text}", jsonPath);
        }

        var integerDigits = column.Precision - column.Scale;
        if (integer.Length > integerDigits || fraction.Length > column.Scale)
        {
            throw new AdapterFormatException(
                $"decimal128 '{text}' does not fit {column.Text} (at most {integerDigits} digits before the point and {column.Scale} after)",
                jsonPath);
        }

        var plain = (sign ? "-" : string.Empty) + (integer.Length == 0 ? "0" : integer) + (fraction.Length == 0 ? string.Empty : "." + fraction);
        return SqlDecimal.Parse(plain);
    }
}
