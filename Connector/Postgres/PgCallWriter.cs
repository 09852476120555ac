using System.Globalization;
using Connector.Applier;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// The PostgreSQL statements of a planned call, with the meaning of SQL Server's generated procedures
/// (Connector/SchemaGeneration/*RoutineWriter.cs): set-based over array parameters (<c>unnest</c>), one statement
/// per table touched, never one per object. Deletes need the keys of the embedded objects they take with them,
/// which <see cref="PgPlanExecutor"/> gathers first; <see cref="Delete"/> takes them.
/// </summary>
public static class PgCallWriter
{
    private const string Owner = "\"" + SchemaMapper.OwnerColumn + "\"";
    private const string Position = "\"" + SchemaMapper.PositionColumn + "\"";
    private const string Target = "\"" + SchemaMapper.TargetColumn + "\"";

    /// <summary>INSERT/SET rows (<see cref="CallKind.Upsert"/>), or SET rows that must exist (<see cref="CallKind.Update"/>: returns the ordinals of the missing).</summary>
    public static PgStatement Rows(MappingContext context, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        var mapped = context.FindClass(call.ClassName)!;
        var table = context.Table(mapped.Table);
        var rows = (TableArgument)call.Arguments[0];
        // The row type: the ordinal, the table's columns, then a set flag per column after the key (ClassRoutineWriter.RowTypeColumns).
        List<PgType> types = [PgTypes.Integer, .. table.Columns.Select(c => PgTypes.Of(context.Mapping, table, c)), .. Enumerable.Repeat(PgTypes.Boolean, table.Columns.Length - 1)];
        var sql = new PgStatement.Builder();
        sql.Append("WITH s AS (SELECT * FROM ").Append(Unnest(sql, rows, types)).Append(")");
        var key = PgIdentifier.Quote(table.Columns[0].Name);
        var n = table.Columns.Length;
        if (n > 1)
        {
            var assignments = table.Columns.Skip(1).Select((c, i) =>
                $"{PgIdentifier.Quote(c.Name)} = CASE WHEN s.f{i + 1} THEN {types[i + 2].Read($"s.v{i + 1}")} ELSE t.{PgIdentifier.Quote(c.Name)} END");
            sql.Append(", u AS (UPDATE ").Append(PgTableWriter.Q(table)).Append(" AS t SET ").Append(string.Join(", ", assignments))
                .Append(" FROM s WHERE t.").Append(key).Append(" = s.v0 RETURNING 1)\n");
        }
        else
        {
            sql.Append('\n');
        }

        var missing = $"NOT EXISTS (SELECT 1 FROM {PgTableWriter.Q(table)} AS t WHERE t.{key} = s.v0)";
        if (call.Kind == CallKind.Update)
        {
            return sql.Append("SELECT s.o FROM s WHERE ").Append(missing).Append(" ORDER BY s.o;").Build();
        }

        var values = string.Join(", ", table.Columns.Select((_, i) => types[i + 1].Read($"s.v{i}")));
        return sql.Append("INSERT INTO ").Append(PgTableWriter.Q(table)).Append(" (").Append(string.Join(", ", table.Columns.Select(c => PgIdentifier.Quote(c.Name))))
            .Append(")\nSELECT ").Append(values).Append(" FROM s WHERE ").Append(missing).Append(';').Build();
    }

    /// <summary>A collection replaced whole: the owners' elements deleted, the new ones inserted.</summary>
    public static IEnumerable<PgStatement> Replace(MappingContext context, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        var table = context.CollectionTable(call.Procedure);
        var owners = (TableArgument)call.Arguments[0];
        var items = (TableArgument)call.Arguments[1];
        var ownerType = PgTypes.Of(context.Mapping, table, table.Columns[0]);
        var delete = new PgStatement.Builder();
        delete.Append("DELETE FROM ").Append(PgTableWriter.Q(table)).Append(" AS c WHERE c.").Append(Owner).Append(" = ANY(")
            .Append(delete.Array(owners.Rows.Select(r => r[0]), ownerType)).Append(");");
        yield return delete.Build();
        if (items.Rows.Count == 0)
        {
            yield break;
        }

        var types = table.Columns.Select(c => PgTypes.Of(context.Mapping, table, c)).ToList();
        var insert = new PgStatement.Builder();
        var unnest = Unnest(insert, items, types, ordinal: false);
        insert.Append("INSERT INTO ").Append(PgTableWriter.Q(table)).Append(" (").Append(string.Join(", ", table.Columns.Select(c => PgIdentifier.Quote(c.Name))))
            .Append(")\nSELECT ").Append(string.Join(", ", types.Select((t, i) => t.Read($"s.v{i}")))).Append(" FROM ").Append(unnest).Append(';');
        yield return insert.Build();
    }

    /// <summary>
    /// A LIST_* call: first a check (does the owner exist, how long is the list), then the edit. The executor reads the
    /// check and refuses the transaction when the owner is missing or the index out of range; all of it rolls back.
    /// </summary>
    public static IReadOnlyList<PgStatement> List(MappingContext context, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        var table = context.CollectionTable(call.Procedure);
        var ownerTable = context.Table(context.FindClass(call.ClassName)!.Table);
        var ownerType = PgTypes.Of(context.Mapping, table, table.Columns[0]);
        var ownerKey = ((ScalarArgument)call.Arguments[0]).Value;
        var index = call.Arguments.Length > 1 ? ((ScalarArgument)call.Arguments[1]).Value : null;
        var target = call.Arguments.Length > 2 ? ((ScalarArgument)call.Arguments[2]).Value : null;
        var l = PgTableWriter.Q(table);

        var check = new PgStatement.Builder();
        var owner = check.Scalar(ownerKey, ownerType);
        check.Append("SELECT EXISTS (SELECT 1 FROM ").Append(PgTableWriter.Q(ownerTable)).Append(" AS o WHERE o.").Append(PgIdentifier.Quote(ownerTable.Columns[0].Name))
            .Append(" = ").Append(owner).Append("), (SELECT count(*) FROM ").Append(l).Append(" AS l WHERE l.").Append(Owner).Append(" = ").Append(owner).Append(")::integer;");
        var statements = new List<PgStatement> { check.Build() };
        PgStatement Edit(string format)
        {
            var edit = new PgStatement.Builder();
            var o = edit.Scalar(ownerKey, ownerType);
            var i = index is null ? string.Empty : edit.Scalar(index, PgTypes.Integer);
            var t = target is null ? string.Empty : edit.Scalar(target, PgTypes.Of(context.Mapping, table, table.Columns[2]));
            return edit.Append(string.Format(CultureInfo.InvariantCulture, format, l, o, i, t)).Build();
        }

        switch (call.Kind)
        {
            case CallKind.ListInsert:
                // Two steps through negative positions: the key (owner, position) is checked row by row.
                statements.Add(Edit($"UPDATE {{0}} AS l SET {Position} = -l.{Position} - 2 WHERE l.{Owner} = {{1}} AND l.{Position} >= {{2}};"));
                statements.Add(Edit($"UPDATE {{0}} AS l SET {Position} = -l.{Position} - 1 WHERE l.{Owner} = {{1}} AND l.{Position} < 0;"));
                statements.Add(Edit($"INSERT INTO {{0}} ({Owner}, {Position}, {Target}) VALUES ({{1}}, {{2}}, {{3}});"));
                break;
            case CallKind.ListSet:
                statements.Add(Edit($"UPDATE {{0}} AS l SET {Target} = {{3}} WHERE l.{Owner} = {{1}} AND l.{Position} = {{2}};"));
                break;
            case CallKind.ListErase:
                statements.Add(Edit($"DELETE FROM {{0}} AS l WHERE l.{Owner} = {{1}} AND l.{Position} = {{2}};"));
                statements.Add(Edit($"UPDATE {{0}} AS l SET {Position} = -l.{Position} WHERE l.{Owner} = {{1}} AND l.{Position} > {{2}};"));
                statements.Add(Edit($"UPDATE {{0}} AS l SET {Position} = -l.{Position} - 1 WHERE l.{Owner} = {{1}} AND l.{Position} < 0;"));
                break;
            default:
                statements.Add(Edit($"DELETE FROM {{0}} AS l WHERE l.{Owner} = {{1}};"));
                break;
        }

        return statements;
    }

    /// <summary>The query that reads the keys of every object of a class (CLEAR deletes them all, with Realm's cascade).</summary>
    public static PgStatement AllKeys(MappingContext context, ClassMapping mapped)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapped);
        return new PgStatement.Builder().Append($"SELECT t.{PgIdentifier.Quote(mapped.KeyColumn)} FROM {PgTableWriter.Q(context.Table(mapped.Table))} AS t;").Build();
    }

    /// <summary>
    /// The keys an embedded link holds in the rows of <paramref name="ownerKeys"/> (its owners): what deleting those
    /// owners deletes with them.
    /// </summary>
    public static PgStatement EmbeddedKeys(MappingContext context, EmbeddedLink link, IReadOnlyCollection<object> ownerKeys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(link);
        var (table, column, ownerColumn) = link.Property.ChildTable is null
            ? (context.Table(link.Owner.Table), link.Property.Column!, link.Owner.KeyColumn)
            : (context.Table(link.Property.ChildTable), SchemaMapper.TargetColumn, SchemaMapper.OwnerColumn);
        var sql = new PgStatement.Builder();
        var keys = sql.Array(ownerKeys, PgTypes.Of(context.Mapping, table, ownerColumn));
        return sql.Append($"SELECT DISTINCT e.{PgIdentifier.Quote(column)} FROM {PgTableWriter.Q(table)} AS e WHERE e.{PgIdentifier.Quote(column)} IS NOT NULL AND e.{PgIdentifier.Quote(ownerColumn)} = ANY({keys});").Build();
    }

    /// <summary>
    /// Deletes the objects of <paramref name="mapped"/> with keys <paramref name="keys"/>, with Realm's semantics: links to
    /// them nulled, list and set entries of them removed with the positions closed up (two statements per table: the
    /// affected lists move to negative positions, then the entries go and the rest take 0..n-1 in their order), their own
    /// collections removed, then their rows.
    /// </summary>
    public static IEnumerable<PgStatement> Delete(MappingContext context, ClassMapping mapped, IReadOnlyCollection<object> keys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(keys);
        var classTable = context.Table(mapped.Table);
        var keyType = PgTypes.Of(context.Mapping, classTable, classTable.Columns[0]);
        return Delete(context, mapped, sql => sql.Array(keys, keyType));
    }

    /// <summary>
    /// The same for every object of the class: the keys as <c>ARRAY(SELECT ...)</c> of the class table, which <c>plan</c>
    /// prints for a CLEAR (the applier reads the keys first and sends them as an array).
    /// </summary>
    public static IEnumerable<PgStatement> DeleteAll(MappingContext context, ClassMapping mapped)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapped);
        var all = $"ARRAY(SELECT k.{PgIdentifier.Quote(mapped.KeyColumn)} FROM {PgTableWriter.Q(context.Table(mapped.Table))} AS k)";
        return Delete(context, mapped, _ => all);
    }

    private static IEnumerable<PgStatement> Delete(MappingContext context, ClassMapping mapped, Func<PgStatement.Builder, string> keys)
    {
        var classTable = context.Table(mapped.Table);
        foreach (var reference in LinkReference.To(context.Mapping, mapped.Class.Name))
        {
            var sql = new PgStatement.Builder();
            var table = PgTableWriter.Q(reference.Table);
            var column = PgIdentifier.Quote(reference.Column);
            var inKeys = keys(sql);
            if (reference.Table.Role is TableRole.LinkList or TableRole.Set)
            {
                sql.Append($"UPDATE {table} AS l SET {Position} = -1 - l.{Position} WHERE l.{Owner} IN (SELECT x.{Owner} FROM {table} AS x WHERE x.{column} = ANY({inKeys}));");
                yield return sql.Build();
                sql = new PgStatement.Builder();
                inKeys = keys(sql);
                // The CTE's DELETE and the UPDATE see one snapshot (WITH Queries, 7.8.4): the deleted entries are left out by name.
                sql.Append($"WITH d AS (DELETE FROM {table} AS x WHERE x.{column} = ANY({inKeys}) RETURNING x.{Owner})\n")
                    .Append($"UPDATE {table} AS l SET {Position} = r.n FROM (SELECT c.{Owner} AS o, c.{Position} AS p, (row_number() OVER (PARTITION BY c.{Owner} ORDER BY c.{Position} DESC) - 1)::integer AS n\n")
                    .Append($"    FROM {table} AS c WHERE c.{Owner} IN (SELECT d.{Owner} FROM d) AND NOT (c.{column} = ANY({inKeys}))) AS r\n")
                    .Append($"WHERE l.{Owner} = r.o AND l.{Position} = r.p;");
            }
            else
            {
                sql.Append($"UPDATE {table} AS x SET {column} = NULL WHERE x.{column} = ANY({inKeys});");
            }

            yield return sql.Build();
        }

        var owned = mapped.Properties.Where(p => p.ChildTable is not null).Select(p => context.Table(p.ChildTable!));
        foreach (var table in owned.Append(classTable))
        {
            var sql = new PgStatement.Builder();
            var column = table == classTable ? PgIdentifier.Quote(mapped.KeyColumn) : Owner;
            var inKeys = keys(sql);
            yield return sql.Append($"DELETE FROM {PgTableWriter.Q(table)} AS c WHERE c.{column} = ANY({inKeys});").Build();
        }
    }

    /// <summary>
    /// CHANGE_IDENTITY / SWAP_IDENTITY: every place holding the old keys takes the new ones, in two passes (old to a
    /// temporary key, then to the new one), so that a swap is never a duplicate key midway.
    /// </summary>
    public static IEnumerable<PgStatement> Rekey(MappingContext context, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        var mapped = context.FindClass(call.ClassName)!;
        var classTable = context.Table(mapped.Table);
        var keyType = PgTypes.Of(context.Mapping, classTable, classTable.Columns[0]);
        var map = (TableArgument)call.Arguments[0];
        var places = new List<(SqlTableDefinition Table, string Column)> { (classTable, mapped.KeyColumn) };
        places.AddRange(mapped.Properties.Where(p => p.ChildTable is not null).Select(p => (context.Table(p.ChildTable!), SchemaMapper.OwnerColumn)));
        places.AddRange(LinkReference.To(context.Mapping, mapped.Class.Name).Select(r => (r.Table, r.Column)));
        var temporary = map.Rows.Select(r => (object?)TemporaryKey(r[0]!)).ToList();
        foreach (var (from, to) in new[] { (map.Rows.Select(r => r[0]).ToList(), temporary), (temporary, map.Rows.Select(r => r[1]).ToList()) })
        {
            foreach (var (table, column) in places)
            {
                var sql = new PgStatement.Builder();
                var old = sql.Array(from, keyType);
                var next = sql.Array(to, keyType);
                var c = PgIdentifier.Quote(column);
                yield return sql.Append($"UPDATE {PgTableWriter.Q(table)} AS x SET {c} = m.n FROM unnest({old}, {next}) AS m(o, n) WHERE x.{c} = m.o;").Build();
            }
        }
    }

    /// <summary>A key no object has (identities of classes without a primary key are opaque text), the same for the same old key.</summary>
    private static string TemporaryKey(object old) =>
        "realmsync-rekey:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((string)old)))[..32];

    /// <summary>
    /// <c>unnest($1, $2, ...) AS s(o, v0, v1, ..., f1, ...)</c> over the columns of a table argument:
    /// the ordinal <c>o</c>, the values <c>v</c>i (column i of the table), the set flags <c>f</c>i.
    /// </summary>
    private static string Unnest(PgStatement.Builder sql, TableArgument rows, List<PgType> types, bool ordinal = true)
    {
        var arrays = new List<string>();
        var aliases = new List<string>();
        // A row type holds the ordinal, n columns and n - 1 set flags (ClassRoutineWriter.RowTypeColumns): 2n in all.
        var values = ordinal ? rows.Columns.Length / 2 : rows.Columns.Length;
        for (var i = 0; i < rows.Columns.Length; i++)
        {
            arrays.Add(sql.Array(rows.Rows.Select(r => r[i]), types[i]));
            aliases.Add(!ordinal ? "v" + i.ToString(CultureInfo.InvariantCulture)
                : i == 0 ? "o"
                : i <= values ? "v" + (i - 1).ToString(CultureInfo.InvariantCulture)
                : "f" + (i - values).ToString(CultureInfo.InvariantCulture));
        }

        return $"unnest({string.Join(", ", arrays)}) AS s({string.Join(", ", aliases)})";
    }
}
