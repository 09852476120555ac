using System.Globalization;

namespace Connector.Sql;

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
}
