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
    public static string Write(SqlTableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = SqlIdentifier.Quote(table.Schema, table.Name);
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(name).Append(" (\n");
        foreach (var column in table.Columns)
        {
            sql.Append("    ").Append(SqlIdentifier.Quote(column.Name)).Append(' ').Append(SqlTypeMapper.Declare(column.SqlType))
                .Append(column.Nullable ? " NULL" : " NOT NULL").Append(",\n");
        }

        sql.Append("    PRIMARY KEY ").Append(table.PrimaryKeyClustered ? "CLUSTERED" : "NONCLUSTERED")
            .Append(" (").Append(ColumnList(table.PrimaryKey)).Append(")\n);\nGO\n");
        sql.Append("ALTER TABLE ").Append(name).Append(" ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);\nGO\n");
        foreach (var index in table.Indexes)
        {
            sql.Append("CREATE ").Append(index.Clustered ? "CLUSTERED" : "NONCLUSTERED").Append(" INDEX ")
                .Append(SqlIdentifier.Quote(index.Name)).Append(" ON ").Append(name)
                .Append(" (").Append(ColumnList(index.Columns)).Append(");\nGO\n");
        }

        return sql.ToString();
    }

    private static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(SqlIdentifier.Quote));
}
