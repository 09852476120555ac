using System.Data;
using System.Globalization;
using System.Text;
using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Applier;

/// <summary>
/// Finds, before a plan runs, what it touches that SQL changed since the poller last sent the table to Realm:
/// <c>CHANGETABLE(CHANGES ...)</c> from the table's watermark, without the connector's own writes (their
/// SYS_CHANGE_CONTEXT is <see cref="ChangeTrackingContext.Value"/>). Read for the objects of INSERT, SET and DELETE
/// groups, for the owner of each LIST_* (a SQL delete of it is a conflict, not bad input: the procedure would raise
/// 50002, and under XACT_ABORT that error dooms the transaction, so it is found before the call), and for the element
/// rows of the owners whose collection a replace rewrites. A table without a watermark has never been sent to
/// Realm, so nothing in it can conflict. <see cref="ConflictResolver"/> decides what the changes mean.
/// A Realm of a partitioned mapping (a scoped plan) reads the base tables' changes of the session's Realm only
/// (<see cref="PartitionSession.ChangeTable"/>), against the mapping's watermarks (<see cref="WatermarkCache"/>).
/// </summary>
public static class ConflictDetector
{
    /// <summary>{0}: the table's key column, quoted; {1}: the table, quoted with its schema; {2}: the Realm condition of a scoped plan, or nothing.</summary>
    public const string ChangesQueryTemplate =
        "SELECT ct.{0} AS [key], ct.[SYS_CHANGE_VERSION], ct.[SYS_CHANGE_OPERATION]\n" +
        "FROM CHANGETABLE(CHANGES {1}, @watermark) AS ct\n" +
        "WHERE (ct.[SYS_CHANGE_CONTEXT] IS NULL OR ct.[SYS_CHANGE_CONTEXT] <> @context){2}\n" +
        "AND ct.{0} IN (SELECT k.[key] FROM @keys AS k);";

    private static readonly CompositeFormat ChangesQueryFormat = CompositeFormat.Parse(ChangesQueryTemplate);

    /// <param name="scoped">The plan is one Realm's of a partitioned mapping: <paramref name="sqlSchema"/> is its view schema.</param>
    public static string ChangesQuery(string sqlSchema, string table, string keyColumn, bool scoped = false) =>
        string.Format(
            CultureInfo.InvariantCulture, ChangesQueryFormat, SqlIdentifier.Quote(keyColumn), PartitionSession.ChangeTable(sqlSchema, table, scoped), PartitionSession.InRealm("ct", scoped));

    /// <summary>
    /// Per owner in @keys whose element rows SQL changed (deletes included): the latest such change, and SQL's
    /// collection as it stands, its rows as JSON (each with its position or dictionary key, so their order in the
    /// array does not matter; NULL when the collection is empty).
    /// </summary>
    public static string CollectionChangesQuery(SqlTableDefinition child, bool scoped = false)
    {
        ArgumentNullException.ThrowIfNull(child);
        // SQL's collection is read through the table as the plan names it (a view shows the session's Realm only).
        var table = SqlIdentifier.Quote(child.Schema, child.Name);
        var owner = SqlIdentifier.Quote(SchemaMapper.OwnerColumn);
        var elements = string.Join(", ", child.Columns.Where(c => c.Name != SchemaMapper.OwnerColumn).Select(c => "c." + SqlIdentifier.Quote(c.Name)));
        return $"SELECT ct.{owner} AS [key], MAX(ct.[SYS_CHANGE_VERSION]) AS [SYS_CHANGE_VERSION], N'U' AS [SYS_CHANGE_OPERATION],\n" +
            $"    (SELECT {elements} FROM {table} AS c WHERE c.{owner} = ct.{owner} FOR JSON PATH, INCLUDE_NULL_VALUES) AS [sql]\n" +
            $"FROM CHANGETABLE(CHANGES {PartitionSession.ChangeTable(child.Schema, child.Name, scoped)}, @watermark) AS ct\n" +
            $"WHERE (ct.[SYS_CHANGE_CONTEXT] IS NULL OR ct.[SYS_CHANGE_CONTEXT] <> @context){PartitionSession.InRealm("ct", scoped)}\n" +
            $"AND ct.{owner} IN (SELECT k.[key] FROM @keys AS k)\n" +
            $"GROUP BY ct.{owner};";
    }

    public static async Task<ConflictResolution> ResolveAsync(
        SqlConnection connection, SqlTransaction transaction, int realmId, AdapterTransaction adapterTransaction, TransactionPlan plan,
        ConflictPolicy policy, WatermarkCache watermarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(watermarks);
        var changesByCall = new Dictionary<int, IReadOnlyDictionary<object, SqlChange>>();
        foreach (var read in Reads(MappingContext.For(plan.Mapping), plan))
        {
            if (await watermarks.ReadAsync(plan.Mapping.SqlSchema, read.Table, cancellationToken) is { } from && await ReadChangesAsync(connection, transaction, read.Sql, read.Keys, from, cancellationToken) is { Count: > 0 } changes)
            {
                foreach (var call in read.Calls)
                {
                    changesByCall[call] = changes;
                }
            }
        }

        return ConflictResolver.Resolve(plan, adapterTransaction, realmId, changesByCall, policy);
    }

    /// <summary>
    /// What to read, and for which calls: the table whose watermark applies, the query, and the keys it looks for. One
    /// read per INSERT, SET, DELETE and replace call; one per class for the owners of all its LIST_* calls (a
    /// transaction that builds lists element by element has many).
    /// </summary>
    private static List<(int[] Calls, string Table, string Sql, TableArgument Keys)> Reads(MappingContext context, TransactionPlan plan)
    {
        var reads = new List<(int[], string, string, TableArgument)>();
        var listOwners = new Dictionary<string, List<(int Call, object Owner)>>(StringComparer.Ordinal);
        foreach (var touch in ConflictKeys.Of(context, plan))
        {
            switch (touch.Kind)
            {
                case CallKind.Upsert or CallKind.Update or CallKind.Delete:
                    reads.Add(([touch.Call], touch.Table, ClassChanges(context, touch.Mapped), Keys(context, touch.Mapped, touch.Keys)));
                    break;
                case CallKind.Replace:
                    var child = context.Table(touch.Table);
                    reads.Add(([touch.Call], child.Name, CollectionChangesQuery(child, context.Mapping.Scoped), Keys(context, touch.Mapped, touch.Keys)));
                    break;
                default:
                    if (!listOwners.TryGetValue(touch.Mapped.Class.Name, out var owners))
                    {
                        listOwners[touch.Mapped.Class.Name] = owners = [];
                    }

                    owners.Add((touch.Call, touch.Keys[0]));
                    break;
            }
        }

        foreach (var (className, owners) in listOwners)
        {
            var mapped = context.FindClass(className)!;
            reads.Add(([.. owners.Select(o => o.Call)], mapped.Table, ClassChanges(context, mapped), Keys(context, mapped, owners.Select(o => o.Owner))));
        }

        return reads;
    }

    private static string ClassChanges(MappingContext context, ClassMapping mapped) =>
        ChangesQuery(context.Mapping.SqlSchema, mapped.Table, mapped.KeyColumn, context.Mapping.Scoped);

    private static TableArgument Keys(MappingContext context, ClassMapping mapped, IEnumerable<object> keys) => new(
        "@keys",
        context.Objects.KeyTypes[mapped.KeySqlType],
        [new TableColumn(KeyTypeWriter.KeyColumn, SqlColumnType.Parse(mapped.KeySqlType))],
        [.. keys.Distinct(KeyComparer.Instance).Select(k => new[] { k })]);

    private static async Task<Dictionary<object, SqlChange>> ReadChangesAsync(
        SqlConnection connection, SqlTransaction transaction, string sql, TableArgument keys, long watermark, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection, transaction);
        command.Parameters.Add(new SqlParameter("@watermark", SqlDbType.BigInt) { Value = watermark });
        command.Parameters.Add(SqlParameters.Context(PlanExecutor.ContextParameter, ChangeTrackingContext.Value));
        command.Parameters.Add(TableValuedParameters.Create(keys));
        var changes = new Dictionary<object, SqlChange>(KeyComparer.Instance);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A collection's rows as JSON: an empty collection has none, and FOR JSON then gives NULL.
            var values = reader.FieldCount > 3 ? reader.IsDBNull(3) ? "[]" : reader.GetString(3) : null;
            changes[reader.GetValue(0)] = new SqlChange(reader.GetInt64(1), reader.GetString(2), values);
        }

        return changes;
    }
}
