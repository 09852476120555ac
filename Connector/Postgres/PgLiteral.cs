using System.Collections;
using System.Data.SqlTypes;
using System.Globalization;

namespace Connector.Postgres;

/// <summary>
/// Values written into PostgreSQL scripts (deploy.sql, plan.sql), never into what the applier sends (it sends
/// parameters). Strings are escape strings (<c>E'...'</c>, backslash and quote escaped), which read the same whatever
/// standard_conforming_strings says; bytes go through decode(hex).
/// </summary>
public static class PgLiteral
{
    public static string String(string? value) =>
        value is null ? "NULL" : "E'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Bytes(ReadOnlySpan<byte> bytes) => "decode('" + Convert.ToHexStringLower(bytes) + "', 'hex')";

    /// <summary>A CLR value (as the applier or the catalog rows hold it) as a literal of its own type.</summary>
    public static string Plain(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        // Parenthesized: a cast binds tighter than unary minus ('-9223372036854775808::bigint' overflows).
        long or int => "(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")",
        float f => "'" + f.ToString("R", CultureInfo.InvariantCulture) + "'::real",
        double d => "'" + d.ToString("R", CultureInfo.InvariantCulture) + "'::double precision",
        byte[] bytes => Bytes(bytes),
        DateTime t => "'" + t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'::timestamp",
        Guid g => "'" + g.ToString("D") + "'::uuid",
        SqlDecimal d => String(d.ToString()),
        string s => String(s),
        _ => throw new ArgumentException($"a {value.GetType().Name} has no PostgreSQL literal", nameof(value)),
    };

    /// <summary>An array parameter as an ARRAY[...] literal; the statement casts it to its array type.</summary>
    public static string Array(IEnumerable values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = values.Cast<object?>().Select(Plain).ToList();
        return "ARRAY[" + string.Join(", ", items) + "]";
    }
}
