using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Applier;

/// <summary>
/// Before a call that rewrites rows beyond those Realm named, whether those rows include one with a SQL change the
/// poller has not sent yet (above the table's watermark, context not the connector's): the cascades of a DELETE,
/// CLEAR or CHANGE_IDENTITY (the rows of other tables it updates), and the element rows a LIST_* shifts, rewrites or
/// removes (same owner, positions at or after the index). If so the call runs under
/// <see cref="ChangeTrackingContext.Resend"/> instead of the connector's context, so that the poller sends those
/// rows, SQL change included, rather than skipping them as the connector's: Change Tracking keeps only a row's last
/// change and context. (A whole-collection replace is not here: a SQL change to a collection Realm replaces is a
/// conflict, found by <see cref="ConflictDetector"/> and resolved by the policy.)
/// The queries are fixed per table; values (keys, owner, index, watermark, context) are parameters.
/// A Realm of a partitioned mapping (a scoped mapping) reads Change Tracking of the base tables for the session's
/// Realm only (<see cref="PartitionSession.ChangeTable"/>); the rows it looks up are read through its views.
/// </summary>
public static class CascadeCheck
{
    public const string WatermarkParameter = "@watermark";

    /// <summary>One query per table the call may re-tag beyond what Realm named; empty for calls that need none.</summary>
    public static IReadOnlyList<(SqlTableDefinition Table, string Sql)> Queries(SchemaMapping mapping, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(call);
        if (call.Kind is CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear)
        {
            var list = MappingContext.For(mapping).CollectionTable(call.Procedure);
            return [(list, ListQuery(list, call.Kind, mapping.Scoped))];
        }

        var mapped = mapping.Classes.First(c => c.Class.Name == call.ClassName);
        var keys = call.Kind switch
        {
            CallKind.Delete => $"(SELECT k.[{KeyTypeWriter.KeyColumn}] FROM @keys AS k)",
            CallKind.Rekey => $"(SELECT m.[{KeyTypeWriter.OldColumn}] FROM @map AS m)",
            CallKind.Clear => $"(SELECT t.{SqlIdentifier.Quote(mapped.KeyColumn)} FROM {SqlIdentifier.Quote(mapping.SqlSchema, mapped.Table)} AS t)",
            _ => null,
        };
        if (keys is null)
        {
            return [];
        }

        return [.. LinkReference.To(mapping, mapped.Class.Name).Select(reference => (reference.Table, Query(reference, keys, mapping.Scoped)))];
    }

    private static string Query(LinkReference reference, string keys, bool scoped)
    {
        var table = SqlIdentifier.Quote(reference.Table.Schema, reference.Table.Name);
        var tracked = PartitionSession.ChangeTable(reference.Table.Schema, reference.Table.Name, scoped);
        var column = SqlIdentifier.Quote(reference.Column);
        if (reference.Table.Role is TableRole.LinkList or TableRole.Set)
        {
            // A list or set closes up the positions of every element of the owners that held the target, which
            // re-creates keys SQL may have deleted (a gap SQL left): CHANGES, not VERSION of the rows present, as
            // for LIST_* (ListQuery).
            return $"SELECT TOP (1) 1 FROM CHANGETABLE(CHANGES {tracked}, {WatermarkParameter}) AS ct\n" +
                $"WHERE ct.[{SchemaMapper.OwnerColumn}] IN (SELECT l.[{SchemaMapper.OwnerColumn}] FROM {table} AS l WHERE l.{column} IN {keys}){PartitionSession.InRealm("ct", scoped)}\n" +
                $"AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> {PlanExecutor.ContextParameter};";
        }

        // A link or dictionary value is updated in place: only rows present are touched. VERSION takes the whole key,
        // which in a partitioned mapping's base table leads with the Realm: the rows are then read there, the session's only.
        var key = (scoped ? [SchemaMapper.RealmColumn] : Array.Empty<string>()).Concat(reference.Table.PrimaryKey).ToList();
        var primaryKey = string.Join(", ", key.Select(SqlIdentifier.Quote));
        var values = string.Join(", ", key.Select(k => "x." + SqlIdentifier.Quote(k)));
        return $"SELECT TOP (1) 1 FROM {(scoped ? tracked : table)} AS x CROSS APPLY CHANGETABLE(VERSION {tracked}, ({primaryKey}), ({values})) AS ct\n" +
            $"WHERE x.{column} IN {keys}{PartitionSession.InRealm("x", scoped)}\n" +
            $"AND ISNULL(ct.SYS_CHANGE_VERSION, 0) > {WatermarkParameter} AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> {PlanExecutor.ContextParameter};";
    }

    /// <summary>
    /// The element rows of the list procedure's owner that it touches: LIST_SET the one at @index; LIST_INSERT and
    /// LIST_ERASE every one from @index on (shifted, and the key past the end created or removed); LIST_CLEAR all.
    /// CHANGES, not VERSION of the rows present: a key SQL deleted (a SQL erase at the end of the list) is one the
    /// shift of a LIST_INSERT re-creates, and re-tags, as well.
    /// </summary>
    private static string ListQuery(SqlTableDefinition list, CallKind kind, bool scoped)
    {
        var position = kind switch
        {
            CallKind.ListSet => $" AND ct.[{SchemaMapper.PositionColumn}] = @index",
            CallKind.ListClear => string.Empty,
            _ => $" AND ct.[{SchemaMapper.PositionColumn}] >= @index",
        };
        return $"SELECT TOP (1) 1 FROM CHANGETABLE(CHANGES {PartitionSession.ChangeTable(list.Schema, list.Name, scoped)}, {WatermarkParameter}) AS ct\n" +
            $"WHERE ct.[{SchemaMapper.OwnerColumn}] = @owner{position}{PartitionSession.InRealm("ct", scoped)}\n" +
            $"AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> {PlanExecutor.ContextParameter};";
    }
}
