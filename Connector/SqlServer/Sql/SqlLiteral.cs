using System.Data.SqlTypes;
using System.Globalization;

namespace Connector.SqlServer.Sql;

/// <summary>
/// Literals for the scripts the connector hands a DBA (<c>deploy.sql</c>, <c>plan.sql</c>), where the text
/// itself is the product. Statements the connector executes use parameters, never these.
/// </summary>
public static class SqlLiteral
{
    public static string String(string? value) =>
        value is null ? "NULL" : "N'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Bit(bool value) => value ? "1" : "0";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Binary(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexString(bytes);

    /// <summary>
    /// Text as <c>CONVERT(nvarchar(max), 0x...)</c> (UTF-16LE): for long text such as a script, whose own
    /// <c>GO</c> lines would otherwise split the batch that stores it in sqlcmd and SSMS.
    /// </summary>
    public static string Utf16Text(string value) =>
        "CONVERT(nvarchar(max), " + Binary(System.Text.Encoding.Unicode.GetBytes(value)) + ")";

    /// <summary>
    /// A literal of a CLR value as the connector sends it (see Applier.ScalarArgument): exact, typed where a bare
    /// literal would be read as another type (floats through E-notation, dates, decimals and GUIDs through CAST).
    /// </summary>
    public static string Value(object? value) => value switch
    {
        null => "NULL",
        string s => String(s),
        bool b => Bit(b),
        int i => Int(i),
        long l => Int(l),
        double d => Float(d.ToString("R", CultureInfo.InvariantCulture)),
        float f => "CAST(" + Float(f.ToString("R", CultureInfo.InvariantCulture)) + " AS real)",
        byte[] bytes => Binary(bytes),
        DateTime t => "CAST('" + t.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "' AS datetime2(7))",
        SqlDecimal d => "CAST('" + d.ToString() + "' AS decimal(38,18))",
        Guid g => "CAST('" + g.ToString("D") + "' AS uniqueidentifier)",
        _ => throw new ArgumentException($"no literal for a {value.GetType().Name}", nameof(value)),
    };

    private static string Float(string roundTrip) =>
        roundTrip.Contains('E', StringComparison.Ordinal) ? roundTrip : roundTrip + "E0";
}
