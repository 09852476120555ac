using System.Text;
using static Connector.SqlServer.Schema.ClassRoutineWriter;
using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The procedures of a child table: for a list of objects, one per LIST_* instruction (each index checked
/// against the list, later positions shifted in one statement); for the other collections, a replace of
/// whole collections, since their values arrive whole (ADAPTER-PROTOCOL.md section 3).
/// </summary>
public static class CollectionRoutineWriter
{
    private const string Owner = "[" + SchemaMapper.OwnerColumn + "]";
    private const string Position = "[" + SchemaMapper.PositionColumn + "]";

    public static string ItemType(SqlTableDefinition table, CollectionRoutines routines)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        var columns = table.Columns.Select(c => $"    {Q(c.Name)} {SqlTypeMapper.Declare(c.SqlType)} {(c.Nullable ? "NULL" : "NOT NULL")}");
        return $"CREATE TYPE {ApplierObjects.Quote(routines.ItemType!)} AS TABLE (\n{string.Join(",\n", columns)}\n);\n";
    }

    public static string Replace(SqlTableDefinition table, CollectionRoutines routines, string ownerKeysType)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        var columns = string.Join(", ", table.Columns.Select(c => Q(c.Name)));
        var values = string.Join(", ", table.Columns.Select(c => "i." + Q(c.Name)));
        return $"""
            CREATE PROCEDURE {ApplierObjects.Quote(routines.Replace!)}
                @context varbinary(128),
                @owners {ApplierObjects.Quote(ownerKeysType)} READONLY,
                @items {ApplierObjects.Quote(routines.ItemType!)} READONLY
            AS
            SET NOCOUNT ON;
            {Tracked}DELETE c FROM {Q(table)} AS c WHERE c.{Owner} IN (SELECT o.[{KeyTypeWriter.KeyColumn}] FROM @owners AS o);
            {Tracked}INSERT INTO {Q(table)} ({columns})
            SELECT {values} FROM @items AS i;

            """;
    }

    public static string ListInsert(SqlTableDefinition table, CollectionRoutines routines, SqlTableDefinition ownerTable) =>
        ListProcedure(table, routines.ListInsert!, ownerTable, withTarget: true, maxIndex: "@count", $"""
            {Tracked}UPDATE l SET l.{Position} = l.{Position} + 1 FROM {Q(table)} AS l WHERE l.{Owner} = @owner AND l.{Position} >= @index;
            {Tracked}INSERT INTO {Q(table)} ({Owner}, {Position}, [{SchemaMapper.TargetColumn}]) VALUES (@owner, @index, @target);
            """);

    public static string ListSet(SqlTableDefinition table, CollectionRoutines routines, SqlTableDefinition ownerTable) =>
        ListProcedure(table, routines.ListSet!, ownerTable, withTarget: true, maxIndex: "@count - 1", $"""
            {Tracked}UPDATE l SET l.[{SchemaMapper.TargetColumn}] = @target FROM {Q(table)} AS l WHERE l.{Owner} = @owner AND l.{Position} = @index;
            """);

    public static string ListErase(SqlTableDefinition table, CollectionRoutines routines, SqlTableDefinition ownerTable) =>
        ListProcedure(table, routines.ListErase!, ownerTable, withTarget: false, maxIndex: "@count - 1", $"""
            {Tracked}DELETE l FROM {Q(table)} AS l WHERE l.{Owner} = @owner AND l.{Position} = @index;
            {Tracked}UPDATE l SET l.{Position} = l.{Position} - 1 FROM {Q(table)} AS l WHERE l.{Owner} = @owner AND l.{Position} > @index;
            """);

    public static string ListClear(SqlTableDefinition table, CollectionRoutines routines, SqlTableDefinition ownerTable)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        ArgumentNullException.ThrowIfNull(ownerTable);
        var sql = new StringBuilder();
        sql.Append("CREATE PROCEDURE ").Append(ApplierObjects.Quote(routines.ListClear!)).Append("\n    @context varbinary(128),\n    @owner ")
            .Append(table.Columns[0].SqlType).Append("\nAS\nSET NOCOUNT ON;\n");
        AppendOwnerCheck(sql, ownerTable);
        sql.Append(Tracked).Append("DELETE l FROM ").Append(Q(table)).Append(" AS l WHERE l.").Append(Owner).Append(" = @owner;\n");
        return sql.ToString();
    }

    private static string ListProcedure(SqlTableDefinition table, string name, SqlTableDefinition ownerTable, bool withTarget, string maxIndex, string body)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE PROCEDURE ").Append(ApplierObjects.Quote(name)).Append("\n    @context varbinary(128),\n    @owner ")
            .Append(table.Columns[0].SqlType).Append(",\n    @index int");
        if (withTarget)
        {
            sql.Append(",\n    @target ").Append(table.Columns[2].SqlType);
        }

        sql.Append("\nAS\nSET NOCOUNT ON;\n");
        AppendOwnerCheck(sql, ownerTable);
        sql.Append("DECLARE @count int = (SELECT COUNT(*) FROM ").Append(Q(table)).Append(" AS l WHERE l.").Append(Owner).Append(" = @owner);\n")
            .Append("IF @index < 0 OR @index > ").Append(maxIndex).Append('\n')
            .Append("BEGIN\n    DECLARE @message nvarchar(2048) = CONCAT(N'list index ', @index, N' is out of range: the list has ', @count, N' element(s)');\n")
            .Append("    THROW ").Append(RoutineErrors.ListIndexOutOfRange).Append(", @message, 1;\nEND\n")
            .Append(body).Append('\n');
        return sql.ToString();
    }

    private static void AppendOwnerCheck(StringBuilder sql, SqlTableDefinition ownerTable) =>
        sql.Append("IF NOT EXISTS (SELECT 1 FROM ").Append(Q(ownerTable)).Append(" AS o WHERE o.").Append(Q(ownerTable.Columns[0].Name))
            .Append(" = @owner)\nBEGIN\n    THROW ").Append(RoutineErrors.OwnerNotFound).Append(", N'the object that owns the list does not exist', 1;\nEND\n");
}
