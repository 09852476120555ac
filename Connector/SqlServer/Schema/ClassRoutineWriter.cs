using System.Text;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The row type and the write procedures of a class table. One call writes many objects (a table-valued
/// parameter); every statement is tagged with the connector's Change Tracking context so that the poller
/// never sends the connector's own writes back to Realm.
/// </summary>
public static class ClassRoutineWriter
{
    internal const string Tracked = "WITH CHANGE_TRACKING_CONTEXT (@context)\n";

    /// <summary>
    /// The row type's columns in order: the ordinal, the key, every other column (nullable: a SET gives only some),
    /// then a set flag per column after the key. Table-valued parameters match columns by position, so the DDL
    /// and the rows the applier sends are both built from this one list.
    /// </summary>
    public static IReadOnlyList<SqlColumnDefinition> RowTypeColumns(SqlTableDefinition table, ClassRoutines routines)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        return
        [
            new(routines.OrdinalColumn, "int", false),
            table.Columns[0] with { Nullable = false },
            .. table.Columns.Skip(1).Select(c => c with { Nullable = true }),
            .. routines.SetFlags.Select(f => new SqlColumnDefinition(f, "bit", false)),
        ];
    }

    public static string RowType(SqlTableDefinition table, ClassRoutines routines)
    {
        var columns = RowTypeColumns(table, routines);
        var sql = new StringBuilder();
        sql.Append("CREATE TYPE ").Append(ApplierObjects.Quote(routines.RowType)).Append(" AS TABLE (\n");
        foreach (var column in columns)
        {
            sql.Append("    ").Append(Q(column.Name)).Append(' ').Append(SqlTypeMapper.Declare(column.SqlType))
                .Append(column.Nullable ? " NULL" : " NOT NULL").Append(",\n");
        }

        return sql.Append("    PRIMARY KEY (").Append(Q(table.Columns[0].Name)).Append(")\n);\n").ToString();
    }

    /// <summary>INSERT and SET of objects that may or may not exist: existing rows get the columns set, new rows are inserted.</summary>
    public static string Upsert(SqlTableDefinition table, ClassRoutines routines)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        var sql = Header(routines.Upsert, routines.RowType);
        AppendUpdate(sql, table, routines);
        var columns = string.Join(", ", table.Columns.Select(c => Q(c.Name)));
        var values = string.Join(", ", table.Columns.Select(c => "s." + Q(c.Name)));
        sql.Append(Tracked).Append("INSERT INTO ").Append(Q(table)).Append(" (").Append(columns).Append(")\n")
            .Append("SELECT ").Append(values).Append("\nFROM @rows AS s\n")
            .Append("WHERE NOT EXISTS (SELECT 1 FROM ").Append(Q(table)).Append(" AS t WHERE ").Append(KeyMatch(table)).Append(");\n");
        return sql.ToString();
    }

    /// <summary>SET of objects that must exist; returns the ordinals of the rows it found no object for.</summary>
    public static string Update(SqlTableDefinition table, ClassRoutines routines)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        var sql = Header(routines.Update, routines.RowType);
        AppendUpdate(sql, table, routines);
        sql.Append("SELECT s.").Append(Q(routines.OrdinalColumn)).Append(" FROM @rows AS s\n")
            .Append("WHERE NOT EXISTS (SELECT 1 FROM ").Append(Q(table)).Append(" AS t WHERE ").Append(KeyMatch(table)).Append(")\n")
            .Append("ORDER BY s.").Append(Q(routines.OrdinalColumn)).Append(";\n");
        return sql.ToString();
    }

    private static StringBuilder Header(string procedure, string rowType) =>
        new StringBuilder().Append("CREATE PROCEDURE ").Append(ApplierObjects.Quote(procedure))
            .Append("\n    @context varbinary(128),\n    @rows ").Append(ApplierObjects.Quote(rowType))
            .Append(" READONLY\nAS\nSET NOCOUNT ON;\n");

    private static void AppendUpdate(StringBuilder sql, SqlTableDefinition table, ClassRoutines routines)
    {
        if (table.Columns.Length == 1)
        {
            return; // Only a key: nothing to update.
        }

        var assignments = table.Columns.Skip(1).Select((c, i) =>
            $"t.{Q(c.Name)} = CASE WHEN s.{Q(routines.SetFlags[i])} = 1 THEN s.{Q(c.Name)} ELSE t.{Q(c.Name)} END");
        sql.Append(Tracked).Append("UPDATE t SET\n    ").Append(string.Join(",\n    ", assignments)).Append('\n')
            .Append("FROM ").Append(Q(table)).Append(" AS t INNER JOIN @rows AS s ON ").Append(KeyMatch(table)).Append(";\n");
    }

    private static string KeyMatch(SqlTableDefinition table) => $"t.{Q(table.Columns[0].Name)} = s.{Q(table.Columns[0].Name)}";

    internal static string Q(string name) => SqlIdentifier.Quote(name);

    internal static string Q(SqlTableDefinition table) => SqlIdentifier.Quote(table.Schema, table.Name);
}
