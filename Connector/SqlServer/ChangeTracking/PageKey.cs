using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The <see cref="ChangeTrackingQueries.AfterKey"/> parameter of keyset paging, typed exactly as the key column it
/// is compared with (type, length, precision, scale), never inferred from the .NET value. An inferred parameter is
/// <c>nvarchar</c> for every string: against a <c>varchar</c> key, SQL Server converts the column to nvarchar (data
/// type precedence), and under a SQL collation (SQL_Latin1_General_CP1_CI_AS) Unicode and non-Unicode data sort
/// differently ('-' and '\'' among others), so <c>key &gt; @afterKey</c> disagreed with <c>ORDER BY key</c> and rows
/// at page boundaries were skipped while the watermark still advanced. Likewise a <c>binary(12)</c> key met a
/// <c>varbinary</c> parameter, and a <c>uniqueidentifier</c> key must meet a uniqueidentifier (SQL Server orders
/// GUIDs by its own byte order, which no other type shares).
/// </summary>
/// <remarks>
/// Collation: the parameter takes the database's default collation and is coercible-default, the column reference
/// is implicit, and an implicit collation wins (Collation Precedence, Transact-SQL); so <c>key &gt; @afterKey</c>
/// compares under the key column's own collation, the one <c>ORDER BY key</c> sorts by, whatever the database
/// default is (the connector's nvarchar(450) keys are Latin1_General_100_BIN2 in any database). With the types
/// equal, both sides are compared as the same type under the same collation: the two orders agree. What a type
/// cannot carry is characters: SqlClient sends a varchar parameter in the code page of the database's default
/// collation, so a char/varchar key whose collation has another code page is refused at SQL-first registration
/// (<see cref="SqlFirstMapper"/>); nvarchar keys are Unicode and have no code page.
/// </remarks>
public static class PageKey
{
    /// <param name="keyTable">The table whose single key column the page is ordered by: the class table for class
    /// pages, the owner's table for collection pages (the child's <c>_owner</c> column has the owner's key type).</param>
    public static SqlParameter Parameter(SqlTableDefinition keyTable, object value) =>
        SqlParameters.Scalar(ChangeTrackingQueries.AfterKey, Type(keyTable), value);

    /// <summary>The declared type of <paramref name="keyTable"/>'s key column.</summary>
    public static SqlColumnType Type(SqlTableDefinition keyTable)
    {
        ArgumentNullException.ThrowIfNull(keyTable);
        var key = keyTable.PrimaryKey.Length == 1
            ? keyTable.PrimaryKey[0]
            : throw new ArgumentException($"table {keyTable.Name} has a {keyTable.PrimaryKey.Length}-column key; pages are ordered by one key column", nameof(keyTable));
        return SqlColumnType.Parse(keyTable.Columns.First(c => c.Name == key).SqlType);
    }
}
