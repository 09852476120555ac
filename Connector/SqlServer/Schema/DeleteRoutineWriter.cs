using System.Globalization;
using System.Text;
using static Connector.SqlServer.Schema.ClassRoutineWriter;
using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>
/// Delete, clear and re-key procedures of a class, with Realm's semantics: deleting an object nulls every
/// link to it and removes it from every list and set (closing up the positions), and removes its own
/// collections and the embedded objects it owns, at any depth, in the same procedure; re-keying (CHANGE_IDENTITY, SWAP_IDENTITY) moves every reference along with the key.
/// </summary>
public static class DeleteRoutineWriter
{
    private static readonly string KeyIn = KeysIn("@keys");

    /// <summary>
    /// Deletes the objects in <c>@keys</c> and every embedded object they own at any depth. The embedded objects' keys
    /// are gathered first (<see cref="EmbeddedKeysWriter"/>), since their owners' rows and lists are about to go; then
    /// each class's objects are deleted in turn with the same statements as the objects asked for.
    /// </summary>
    public static string Delete(SchemaMapping mapping, ClassMapping mapped, ApplierObjects objects)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(objects);
        var routines = objects.Classes[mapped.Table];
        var sql = new StringBuilder();
        sql.Append("CREATE PROCEDURE ").Append(ApplierObjects.Quote(routines.Delete))
            .Append("\n    @context varbinary(128),\n    @keys ").Append(ApplierObjects.Quote(objects.KeyTypes[mapped.KeySqlType]))
            .Append(" READONLY\nAS\nSET NOCOUNT ON;\n");
        var descendants = EmbeddedDescendants.Of(mapping, mapped);
        var variables = EmbeddedKeysWriter.Write(sql, mapping, descendants, objects);
        var affected = 0;
        AppendDeleteObjects(sql, mapping, mapped, KeyIn, ref affected);
        for (var i = 0; i < variables.Count; i++)
        {
            AppendDeleteObjects(sql, mapping, descendants.Classes[i], KeysIn(variables[i]), ref affected);
        }

        return sql.ToString();
    }

    public static string Clear(ClassMapping mapped, ApplierObjects objects, SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(objects);
        var routines = objects.Classes[mapped.Table];
        return $"""
            CREATE PROCEDURE {ApplierObjects.Quote(routines.Clear)}
                @context varbinary(128)
            AS
            SET NOCOUNT ON;
            DECLARE @keys {ApplierObjects.Quote(objects.KeyTypes[mapped.KeySqlType])};
            INSERT INTO @keys ([{KeyTypeWriter.KeyColumn}]) SELECT t.{Q(mapped.KeyColumn)} FROM {Q(ClassTable(mapping, mapped))} AS t;
            EXEC {ApplierObjects.Quote(routines.Delete)} @context = @context, @keys = @keys;

            """;
    }

    public static string Rekey(SchemaMapping mapping, ClassMapping mapped, ApplierObjects objects)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(objects);
        var routines = objects.Classes[mapped.Table];
        var sql = new StringBuilder();
        sql.Append("CREATE PROCEDURE ").Append(ApplierObjects.Quote(routines.Rekey!))
            .Append("\n    @context varbinary(128),\n    @map ").Append(ApplierObjects.Quote(objects.RekeyTypes[mapped.KeySqlType]))
            .Append(" READONLY\nAS\nSET NOCOUNT ON;\n");
        AppendRekey(sql, Q(ClassTable(mapping, mapped)), Q(mapped.KeyColumn));
        foreach (var owned in OwnedTables(mapping, mapped))
        {
            AppendRekey(sql, Q(owned), "[" + SchemaMapper.OwnerColumn + "]");
        }

        foreach (var reference in LinkReference.To(mapping, mapped.Class.Name))
        {
            AppendRekey(sql, Q(reference.Table), Q(reference.Column));
        }

        return sql.ToString();
    }

    /// <summary><c>(SELECT k.[key] FROM @variable AS k)</c>: the keys of a key table, for an IN.</summary>
    internal static string KeysIn(string variable) => "(SELECT k.[" + KeyTypeWriter.KeyColumn + "] FROM " + variable + " AS k)";

    /// <summary>
    /// Deletes the objects of <paramref name="mapped"/> whose keys <paramref name="keysIn"/> selects, with Realm's
    /// semantics: every link to them nulled, every list and set entry of them removed with the positions closed up,
    /// their own collections removed, then their rows.
    /// </summary>
    private static void AppendDeleteObjects(StringBuilder sql, SchemaMapping mapping, ClassMapping mapped, string keysIn, ref int affected)
    {
        foreach (var reference in LinkReference.To(mapping, mapped.Class.Name))
        {
            var table = Q(reference.Table);
            var column = Q(reference.Column);
            if (reference.Table.Role is TableRole.LinkList or TableRole.Set)
            {
                var variable = "@affected" + (++affected).ToString(CultureInfo.InvariantCulture);
                sql.Append("DECLARE ").Append(variable).Append(" TABLE ([owner] ").Append(SqlTypeMapper.Declare(reference.Table.Columns[0].SqlType)).Append(" NOT NULL);\n");
                sql.Append(Tracked).Append("DELETE l OUTPUT deleted.[").Append(SchemaMapper.OwnerColumn).Append("] INTO ").Append(variable)
                    .Append(" ([owner])\nFROM ").Append(table).Append(" AS l WHERE l.").Append(column).Append(" IN ").Append(keysIn).Append(";\n");
                AppendRenumber(sql, table, variable);
            }
            else
            {
                sql.Append(Tracked).Append("UPDATE x SET x.").Append(column).Append(" = NULL\nFROM ").Append(table)
                    .Append(" AS x WHERE x.").Append(column).Append(" IN ").Append(keysIn).Append(";\n");
            }
        }

        foreach (var owned in OwnedTables(mapping, mapped))
        {
            sql.Append(Tracked).Append("DELETE c FROM ").Append(Q(owned)).Append(" AS c WHERE c.[").Append(SchemaMapper.OwnerColumn)
                .Append("] IN ").Append(keysIn).Append(";\n");
        }

        sql.Append(Tracked).Append("DELETE t FROM ").Append(Q(ClassTable(mapping, mapped))).Append(" AS t WHERE t.").Append(Q(mapped.KeyColumn))
            .Append(" IN ").Append(keysIn).Append(";\n");
    }

    private static void AppendRekey(StringBuilder sql, string table, string column) =>
        sql.Append(Tracked).Append("UPDATE x SET x.").Append(column).Append(" = m.[").Append(KeyTypeWriter.NewColumn).Append("]\nFROM ")
            .Append(table).Append(" AS x INNER JOIN @map AS m ON x.").Append(column).Append(" = m.[").Append(KeyTypeWriter.OldColumn).Append("];\n");

    /// <summary>Positions 0..n-1 again for the owners in <paramref name="ownersVariable"/>, in one statement.</summary>
    internal static void AppendRenumber(StringBuilder sql, string table, string ownersVariable)
    {
        const string owner = "[" + SchemaMapper.OwnerColumn + "]";
        const string position = "[" + SchemaMapper.PositionColumn + "]";
        sql.Append(Tracked).Append("UPDATE l SET l.").Append(position).Append(" = r.[rank]\nFROM ").Append(table).Append(" AS l\n")
            .Append("INNER JOIN (SELECT c.").Append(owner).Append(", c.").Append(position)
            .Append(", CAST(ROW_NUMBER() OVER (PARTITION BY c.").Append(owner).Append(" ORDER BY c.").Append(position).Append(") - 1 AS int) AS [rank]\n")
            .Append("    FROM ").Append(table).Append(" AS c WHERE c.").Append(owner).Append(" IN (SELECT a.[owner] FROM ").Append(ownersVariable).Append(" AS a)) AS r\n")
            .Append("    ON r.").Append(owner).Append(" = l.").Append(owner).Append(" AND r.").Append(position).Append(" = l.").Append(position).Append('\n')
            .Append("WHERE l.").Append(position).Append(" <> r.[rank];\n");
    }

    internal static SqlTableDefinition ClassTable(SchemaMapping mapping, ClassMapping mapped) =>
        mapping.Tables.First(t => t.Role == TableRole.Class && t.Name == mapped.Table);

    private static IEnumerable<SqlTableDefinition> OwnedTables(SchemaMapping mapping, ClassMapping mapped)
    {
        var names = mapped.Properties.Where(p => p.ChildTable is not null).Select(p => p.ChildTable!).ToHashSet(StringComparer.Ordinal);
        return mapping.Tables.Where(t => t.Role != TableRole.Class && names.Contains(t.Name));
    }
}
