using System.Text;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// Every statement the poller reads with, in one place: fixed templates into which only quoted identifiers are
/// rendered; values are always the parameters named here. Each read returns one of two row shapes, so that a
/// delta and a whole-table reload go through the same converter:
/// class rows (<see cref="ClassRow"/>) and collection rows (<see cref="CollectionRow"/>). Paging is by key
/// (<c>&gt; @afterKey</c>, <c>TOP (@pageSize)</c>): the first page is rendered without the key condition, and
/// <c>@afterKey</c> is typed as the key column it meets (<see cref="PageKey"/>), so that <c>&gt;</c> and
/// <c>ORDER BY</c> compare alike. Each page reads from the key where the last one stopped, so a page's rows are
/// bounded; what a command scans to find them is not (see <see cref="PollTimeouts"/>).
/// With <c>partitioned</c> (a partitioned mapping's shared tables, issue 12), every read is of one Realm's rows: the
/// changes and rows whose <see cref="SchemaMapper.RealmColumn"/> is <see cref="Realm"/>, joined on it as well, so that
/// two Realms' rows with the same key never meet. Change Tracking is on the base tables (never the per-Realm views),
/// whose key leads with that column: CHANGETABLE returns it with the rest of the key.
/// </summary>
public static class ChangeTrackingQueries
{
    public const string From = "@from";
    public const string To = "@to";
    public const string Context = "@context";
    public const string PageSize = "@pageSize";
    public const string AfterKey = "@afterKey";
    public const string Table = "@table";
    public const string Realm = "@realm";

    public const string CurrentVersion = "SELECT CHANGE_TRACKING_CURRENT_VERSION();";

    /// <summary>
    /// Takes <see cref="Table"/>, the table's quoted two-part name (<see cref="TableName"/>); one row, read by
    /// <see cref="TrackingStatus"/>: the minimum valid version, and what tells its NULL causes apart.
    /// </summary>
    public const string TableStatus =
        "SELECT CHANGE_TRACKING_MIN_VALID_VERSION(o.[id]),\n" +
        "    CAST(CASE WHEN o.[id] IS NULL THEN 0 ELSE 1 END AS bit),\n" +
        "    CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.change_tracking_tables AS c WHERE c.[object_id] = o.[id]) THEN 1 ELSE 0 END AS bit),\n" +
        "    CAST(ISNULL(HAS_PERMS_BY_NAME(" + Table + ", N'OBJECT', N'SELECT'), 0) AS bit),\n" +
        "    CAST(ISNULL(HAS_PERMS_BY_NAME(" + Table + ", N'OBJECT', N'VIEW CHANGE TRACKING'), 0) AS bit)\n" +
        "FROM (SELECT OBJECT_ID(" + Table + ", N'U') AS [id]) AS o;";

    private const string NotOurs = "(ct.SYS_CHANGE_CONTEXT IS NULL OR ct.SYS_CHANGE_CONTEXT <> " + Context + ") AND ct.SYS_CHANGE_VERSION <= " + To;

    private const string RealmColumn = "[" + SchemaMapper.RealmColumn + "]";

    /// <summary>
    /// The Realms (<see cref="SchemaMapper.RealmColumn"/>) whose rows of a partitioned mapping's table changed after
    /// <see cref="From"/> up to <see cref="To"/>, not by the connector: the Realms a pass must visit for that table.
    /// </summary>
    public static string ChangedRealms(SqlTableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"SELECT DISTINCT ct.{RealmColumn}\nFROM CHANGETABLE(CHANGES {SqlIdentifier.Quote(table.Schema, table.Name)}, {From}) AS ct\nWHERE {NotOurs};";
    }

    /// <summary>The value of <see cref="Table"/> for <see cref="TableStatus"/>.</summary>
    public static string TableName(SqlTableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return SqlIdentifier.Quote(table.Schema, table.Name);
    }

    /// <summary>The rows of a class table changed after <see cref="From"/> up to <see cref="To"/>, not by the connector, joined to their current values.</summary>
    public static string ClassChanges(SqlTableDefinition table, bool afterKey, bool partitioned = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = SqlIdentifier.Quote(table.Schema, table.Name);
        var key = "ct." + Key(table);
        var sql = new StringBuilder()
            .Append("SELECT TOP (").Append(PageSize).Append(") ct.SYS_CHANGE_VERSION, ct.SYS_CHANGE_OPERATION, ct.SYS_CHANGE_CONTEXT, ")
            .Append(key).Append(", ").AppendJoin(", ", table.Columns.Select(c => "t." + SqlIdentifier.Quote(c.Name))).Append('\n')
            .Append("FROM CHANGETABLE(CHANGES ").Append(name).Append(", ").Append(From).Append(") AS ct\n")
            .Append("LEFT OUTER JOIN ").Append(name).Append(" AS t ON ").Append(partitioned ? $"t.{RealmColumn} = ct.{RealmColumn} AND " : string.Empty)
            .Append("t.").Append(Key(table)).Append(" = ").Append(key).Append('\n')
            .Append("WHERE ").Append(NotOurs).Append(InRealm("ct", partitioned));
        return Page(sql, key, afterKey);
    }

    /// <summary>Every row of a class table, in the class-row shape, each as an insert (the retention fallback and the SQL-first initial load).</summary>
    public static string ClassReload(SqlTableDefinition table, bool afterKey, bool partitioned = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var key = "t." + Key(table);
        var sql = new StringBuilder()
            .Append("SELECT TOP (").Append(PageSize).Append(") CAST(NULL AS bigint) AS SYS_CHANGE_VERSION, CAST(N'I' AS nchar(1)) AS SYS_CHANGE_OPERATION, ")
            .Append("CAST(NULL AS varbinary(128)) AS SYS_CHANGE_CONTEXT, ")
            .Append(key).Append(", ").AppendJoin(", ", table.Columns.Select(c => "t." + SqlIdentifier.Quote(c.Name))).Append('\n')
            .Append("FROM ").Append(SqlIdentifier.Quote(table.Schema, table.Name)).Append(" AS t\n")
            .Append(partitioned ? $"WHERE t.{RealmColumn} = {Realm}" : "WHERE 1 = 1");
        return Page(sql, key, afterKey);
    }

    /// <summary>
    /// The owners whose collection changed (a page of them), each with whether the owner still exists and its
    /// current elements in position (or dictionary key) order; an owner with an empty collection has one row
    /// with a null element.
    /// </summary>
    public static string CollectionChanges(SqlTableDefinition child, SqlTableDefinition owner, bool afterKey, bool partitioned = false)
    {
        ArgumentNullException.ThrowIfNull(child);
        var ownerColumn = SqlIdentifier.Quote(SchemaMapper.OwnerColumn);
        var owners = new StringBuilder()
            .Append("SELECT DISTINCT TOP (").Append(PageSize).Append(") ct.").Append(ownerColumn).Append('\n')
            .Append("    FROM CHANGETABLE(CHANGES ").Append(SqlIdentifier.Quote(child.Schema, child.Name)).Append(", ").Append(From).Append(") AS ct\n")
            .Append("    WHERE ").Append(NotOurs).Append(InRealm("ct", partitioned));
        return Collection(child, owner, Page(owners, "ct." + ownerColumn, afterKey, terminate: false), partitioned);
    }

    /// <summary>Every owner (a page of them) with its whole collection, in the shape of <see cref="CollectionChanges"/>.</summary>
    public static string CollectionReload(SqlTableDefinition child, SqlTableDefinition owner, bool afterKey, bool partitioned = false)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var key = "p0." + Key(owner);
        var owners = new StringBuilder()
            .Append("SELECT TOP (").Append(PageSize).Append(") ").Append(key).Append(" AS ").Append(SqlIdentifier.Quote(SchemaMapper.OwnerColumn)).Append('\n')
            .Append("    FROM ").Append(SqlIdentifier.Quote(owner.Schema, owner.Name)).Append(" AS p0\n")
            .Append(partitioned ? $"    WHERE p0.{RealmColumn} = {Realm}" : "    WHERE 1 = 1");
        return Collection(child, owner, Page(owners, key, afterKey, terminate: false), partitioned);
    }

    private static string Collection(SqlTableDefinition child, SqlTableDefinition owner, string owners, bool partitioned)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var ownerColumn = SqlIdentifier.Quote(SchemaMapper.OwnerColumn);
        var order = SqlIdentifier.Quote(child.Role == TableRole.Dictionary ? SchemaMapper.KeyColumn : SchemaMapper.PositionColumn);
        // Every collection of objects (list, set, dictionary) keeps its element in _target, primitives in _value.
        var element = SqlIdentifier.Quote(child.Columns.Any(c => c.Name == SchemaMapper.TargetColumn) ? SchemaMapper.TargetColumn : SchemaMapper.ValueColumn);
        return new StringBuilder()
            .Append("SELECT o.").Append(ownerColumn).Append(", p.").Append(Key(owner)).Append(", c.").Append(order).Append(", c.").Append(element).Append('\n')
            .Append("FROM (").Append(owners).Append(") AS o\n")
            .Append("LEFT OUTER JOIN ").Append(SqlIdentifier.Quote(owner.Schema, owner.Name)).Append(" AS p ON ").Append(partitioned ? $"p.{RealmColumn} = {Realm} AND " : string.Empty)
            .Append("p.").Append(Key(owner)).Append(" = o.").Append(ownerColumn).Append('\n')
            .Append("LEFT OUTER JOIN ").Append(SqlIdentifier.Quote(child.Schema, child.Name)).Append(" AS c ON ").Append(partitioned ? $"c.{RealmColumn} = {Realm} AND " : string.Empty)
            .Append("c.").Append(ownerColumn).Append(" = o.").Append(ownerColumn).Append('\n')
            .Append("ORDER BY o.").Append(ownerColumn).Append(", c.").Append(order).Append(';')
            .ToString();
    }

    private static string InRealm(string alias, bool partitioned) => partitioned ? $" AND {alias}.{RealmColumn} = {Realm}" : string.Empty;

    private static string Page(StringBuilder sql, string key, bool afterKey, bool terminate = true)
    {
        if (afterKey)
        {
            sql.Append(" AND ").Append(key).Append(" > ").Append(AfterKey);
        }

        sql.Append('\n').Append(terminate ? string.Empty : "    ").Append("ORDER BY ").Append(key);
        return sql.Append(terminate ? ";" : string.Empty).ToString();
    }

    private static string Key(SqlTableDefinition table) => table.PrimaryKey.Length == 1
        ? SqlIdentifier.Quote(table.PrimaryKey[0])
        : throw new ArgumentException($"table {table.Name} has a {table.PrimaryKey.Length}-column key; a class table has one key column", nameof(table));
}
