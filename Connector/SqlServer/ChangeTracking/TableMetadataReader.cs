using System.Collections.Immutable;
using System.Data;
using Microsoft.Data.SqlClient;
using Connector.ChangeTracking;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>Reads the metadata of the user tables of one schema for <see cref="SqlFirstMapper"/>.</summary>
public static class TableMetadataReader
{
    /// <summary>
    /// One row per column: table, column, system type, nullability, byte length, precision, scale, key ordinal (0 when
    /// not in the primary key), the alias type (or NULL) and whether the column's collation has another code page than
    /// the database default's. The type is joined on <c>user_type_id</c>, which every column has: joined on
    /// <c>system_type_id</c>, the CLR types (hierarchyid, geometry, geography share system type 240 and have
    /// user_type_id 128 to 130) and alias types matched no row, and their columns vanished without the "left out"
    /// line. An alias type resolves to the system type it is made from (<c>bt</c>, joined on the column's own
    /// <c>system_type_id</c>: system types are visible to every login); a CLR type keeps its own name, which
    /// <see cref="SqlFirstMapper"/> reports as having no Realm type. Both joins are outer: metadata visibility hides a
    /// user-defined type the login has no permission on, and an inner join would drop its column without a word; such
    /// a column is named "(type N, not visible to the login)" and left out with that reason.
    /// </summary>
    public const string Query =
        "SELECT t.[name], c.[name], COALESCE(bt.[name], ty.[name], N'(type ' + CAST(c.[user_type_id] AS nvarchar(11)) + N', not visible to the login)'), c.[is_nullable], c.[max_length], c.[precision], c.[scale], ISNULL(ic.[key_ordinal], 0),\n" +
        "    CASE WHEN ty.[is_user_defined] = 1 AND ty.[is_assembly_type] = 0 THEN QUOTENAME(SCHEMA_NAME(ty.[schema_id])) + N'.' + QUOTENAME(ty.[name]) END,\n" +
        "    CAST(CASE WHEN c.[collation_name] IS NOT NULL AND COLLATIONPROPERTY(c.[collation_name], 'CodePage') <> " +
        "COLLATIONPROPERTY(CONVERT(sysname, DATABASEPROPERTYEX(DB_NAME(), 'Collation')), 'CodePage') THEN 1 ELSE 0 END AS bit)\n" +
        "FROM sys.tables AS t\n" +
        "INNER JOIN sys.columns AS c ON c.[object_id] = t.[object_id]\n" +
        "LEFT OUTER JOIN sys.types AS ty ON ty.[user_type_id] = c.[user_type_id]\n" +
        "LEFT OUTER JOIN sys.types AS bt ON bt.[user_type_id] = c.[system_type_id] AND bt.[is_assembly_type] = 0\n" +
        "LEFT OUTER JOIN sys.indexes AS i ON i.[object_id] = t.[object_id] AND i.[is_primary_key] = 1\n" +
        "LEFT OUTER JOIN sys.index_columns AS ic ON ic.[object_id] = i.[object_id] AND ic.[index_id] = i.[index_id] AND ic.[column_id] = c.[column_id]\n" +
        "WHERE SCHEMA_NAME(t.[schema_id]) = @schema AND t.[is_ms_shipped] = 0\n" +
        "ORDER BY t.[name], c.[column_id];";

    public static async Task<IReadOnlyList<TableMetadata>> ReadAsync(SqlConnection connection, SqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(Query, connection, transaction);
        command.Parameters.Add("@schema", SqlDbType.NVarChar, 128).Value = schema;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<TableMetadata>();
        string? current = null;
        var columns = ImmutableArray.CreateBuilder<ColumnMetadata>();
        var key = new SortedList<byte, string>();
        void Close()
        {
            if (current is not null)
            {
                tables.Add(new TableMetadata(schema, current, columns.DrainToImmutable(), [.. key.Values]));
                key.Clear();
            }
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (table != current)
            {
                Close();
                current = table;
            }

            var column = new ColumnMetadata(
                reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetInt16(4), reader.GetByte(5), reader.GetByte(6),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetBoolean(9));
            columns.Add(column);
            if (reader.GetByte(7) is var ordinal and > 0)
            {
                key.Add(ordinal, column.Name);
            }
        }

        Close();
        return tables;
    }
}
