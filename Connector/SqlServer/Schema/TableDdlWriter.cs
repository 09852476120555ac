using System.Collections.Immutable;
using System.Text;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The T-SQL that creates a generated table, enables Change Tracking on it and creates its indexes, as one
/// script of <c>GO</c>-separated batches (DacFx only reads <c>ENABLE CHANGE_TRACKING</c> from the same script
/// as its <c>CREATE TABLE</c>). Every name goes through <see cref="SqlIdentifier"/>.
/// </summary>
public static class TableDdlWriter
{
    /// <summary>SQL Server's limit for the key of a clustered index ("Maximum capacity specifications", 900 bytes).</summary>
    private const int ClusteredKeyLimit = 900;

    /// <summary>The clustered index of a partitioned table whose key with the partition column would pass <see cref="ClusteredKeyLimit"/>.</summary>
    private const string RealmClusteredIndex = "CX" + SchemaMapper.RealmColumn;

    public static string Write(SqlTableDefinition table) => Write(table, partitioned: false);

    /// <summary>
    /// <paramref name="partitioned"/>: the table of a partitioned mapping, with <see cref="PartitionSession.RealmColumnDefinition"/>
    /// first, leading the primary key and every index. Where that would pass SQL Server's 900-byte clustered key limit
    /// (a 450-character string key), the key is nonclustered (1,700 bytes) and the table is clustered on the Realm alone.
    /// </summary>
    public static string Write(SqlTableDefinition table, bool partitioned)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (primaryKey, primaryClustered, indexes) = partitioned ? Partition(table) : (table.PrimaryKey, table.PrimaryKeyClustered, table.Indexes);
        var name = SqlIdentifier.Quote(table.Schema, table.Name);
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(name).Append(" (\n");
        if (partitioned)
        {
            sql.Append("    ").Append(PartitionSession.RealmColumnDefinition).Append(",\n");
        }

        foreach (var column in table.Columns)
        {
            sql.Append("    ").Append(SqlIdentifier.Quote(column.Name)).Append(' ').Append(SqlTypeMapper.Declare(column.SqlType))
                .Append(column.Nullable ? " NULL" : " NOT NULL").Append(",\n");
        }

        sql.Append("    PRIMARY KEY ").Append(primaryClustered ? "CLUSTERED" : "NONCLUSTERED")
            .Append(" (").Append(ColumnList(primaryKey)).Append(")\n);\nGO\n");
        sql.Append("ALTER TABLE ").Append(name).Append(" ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);\nGO\n");
        foreach (var index in indexes)
        {
            sql.Append("CREATE ").Append(index.Clustered ? "CLUSTERED" : "NONCLUSTERED").Append(" INDEX ")
                .Append(SqlIdentifier.Quote(index.Name)).Append(" ON ").Append(name)
                .Append(" (").Append(ColumnList(index.Columns)).Append(");\nGO\n");
        }

        return sql.ToString();
    }

    /// <summary>The key and indexes of a partitioned table: the Realm leads each, and the clustered key stays within 900 bytes.</summary>
    private static (ImmutableArray<string> Key, bool Clustered, ImmutableArray<SqlIndexDefinition> Indexes) Partition(SqlTableDefinition table)
    {
        ImmutableArray<string> Lead(ImmutableArray<string> columns) => [SchemaMapper.RealmColumn, .. columns];
        var indexes = table.Indexes.Select(i => i with { Columns = Lead(i.Columns) }).ToList();
        var clustered = table.PrimaryKeyClustered ? Lead(table.PrimaryKey) : indexes.FirstOrDefault(i => i.Clustered)?.Columns;
        if (clustered is { } key && KeyBytes(table, key) <= ClusteredKeyLimit)
        {
            return (Lead(table.PrimaryKey), table.PrimaryKeyClustered, [.. indexes]);
        }

        return (Lead(table.PrimaryKey), false,
            [new SqlIndexDefinition(RealmClusteredIndex, [SchemaMapper.RealmColumn], Clustered: true), .. indexes.Select(i => i with { Clustered = false })]);
    }

    private static int KeyBytes(SqlTableDefinition table, IEnumerable<string> columns) =>
        columns.Sum(c => c == SchemaMapper.RealmColumn ? SqlTypeMapper.KeyBytes("int") : SqlTypeMapper.KeyBytes(table.Columns.First(d => d.Name == c).SqlType));

    private static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(SqlIdentifier.Quote));
}
