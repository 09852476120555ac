using System.Text;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The per-Realm view of a partitioned mapping's table, in <see cref="SchemaMapping.ScopeSchema"/> with the table's
/// name: the mapping's columns (without the partition column) of the session's Realm only
/// (<see cref="PartitionSession"/>), WITH CHECK OPTION so that no statement through it writes another Realm's row.
/// An INSERT through it gets the Realm from the base table's default. The columns are listed, not <c>*</c>: a view
/// keeps the columns it had when created, and a listed column set makes schema growth an ALTER VIEW in DacFx's plan.
/// </summary>
public static class PartitionViewWriter
{
    public static string Write(SchemaMapping mapping, SqlTableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(table);
        var sql = new StringBuilder();
        sql.Append("CREATE VIEW ").Append(SqlIdentifier.Quote(mapping.ScopeSchema, table.Name)).Append("\nAS\nSELECT ")
            .Append(string.Join(", ", table.Columns.Select(c => "t." + SqlIdentifier.Quote(c.Name))))
            .Append("\nFROM ").Append(SqlIdentifier.Quote(table.Schema, table.Name)).Append(" AS t\n")
            .Append("WHERE t.[").Append(SchemaMapper.RealmColumn).Append("] = ").Append(PartitionSession.RealmIdExpression)
            .Append("\nWITH CHECK OPTION;\n");
        return sql.ToString();
    }
}
