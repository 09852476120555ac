using Connector.SchemaGeneration;
using Connector.Sql;

namespace Connector.Applier;

/// <summary>
/// Before a DELETE, CLEAR or CHANGE_IDENTITY runs, whether its cascades (the rows of other tables it will update)
/// include a row with a SQL change the poller has not sent yet (above the table's watermark, context not the
/// connector's). If so the call runs under <see cref="ChangeTrackingContext.Resend"/> instead of the connector's
/// context, so that the poller sends those rows, SQL change included, rather than skipping them as the connector's.
/// The queries are fixed per reference; values (keys, watermark, context) are parameters.
/// </summary>
public static class CascadeCheck
{
    public const string WatermarkParameter = "@watermark";

    /// <summary>One query per table the call's cascades update; empty for calls without cascades.</summary>
    public static IReadOnlyList<(SqlTableDefinition Table, string Sql)> Queries(SchemaMapping mapping, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(call);
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

        return [.. LinkReference.To(mapping, mapped.Class.Name).Select(reference => (reference.Table, Query(reference, keys)))];
    }

    private static string Query(LinkReference reference, string keys)
    {
        var table = SqlIdentifier.Quote(reference.Table.Schema, reference.Table.Name);
        var column = SqlIdentifier.Quote(reference.Column);
        var primaryKey = string.Join(", ", reference.Table.PrimaryKey.Select(SqlIdentifier.Quote));
        var values = string.Join(", ", reference.Table.PrimaryKey.Select(k => "x." + SqlIdentifier.Quote(k)));
        // A list or set closes up the positions of every element of the owners that held the target.
        var filter = reference.Table.Role is TableRole.LinkList or TableRole.Set
            ? $"x.[{SchemaMapper.OwnerColumn}] IN (SELECT l.[{SchemaMapper.OwnerColumn}] FROM {table} AS l WHERE l.{column} IN {keys})"
            : $"x.{column} IN {keys}";
        return $"SELECT TOP (1) 1 FROM {table} AS x CROSS APPLY CHANGETABLE(VERSION {table}, ({primaryKey}), ({values})) AS ct\n" +
            $"WHERE {filter}\n" +
            $"AND ISNULL(ct.SYS_CHANGE_VERSION, 0) > {WatermarkParameter} AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> {PlanExecutor.ContextParameter};";
    }
}
