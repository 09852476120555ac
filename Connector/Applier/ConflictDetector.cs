using System.Data;
using System.Globalization;
using System.Text;
using Connector.Adapter;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.Applier;

/// <summary>
/// Finds, before a plan runs, the objects it touches (INSERT, SET and DELETE groups) that SQL changed since the
/// poller last sent their table to Realm: <c>CHANGETABLE(CHANGES ...)</c> from the table's watermark, without
/// the connector's own writes (their SYS_CHANGE_CONTEXT is <see cref="ChangeTrackingContext.Value"/>). A table
/// without a watermark has never been sent to Realm, so nothing in it can conflict.
/// </summary>
public static class ConflictDetector
{
    /// <summary>{0}: the table's key column, quoted; {1}: the table, quoted with its schema.</summary>
    public const string ChangesQueryTemplate =
        "SELECT ct.{0} AS [key], ct.[SYS_CHANGE_VERSION], ct.[SYS_CHANGE_OPERATION]\n" +
        "FROM CHANGETABLE(CHANGES {1}, @watermark) AS ct\n" +
        "WHERE (ct.[SYS_CHANGE_CONTEXT] IS NULL OR ct.[SYS_CHANGE_CONTEXT] <> @context)\n" +
        "AND ct.{0} IN (SELECT k.[key] FROM @keys AS k);";

    private static readonly CompositeFormat ChangesQueryFormat = CompositeFormat.Parse(ChangesQueryTemplate);

    public static string ChangesQuery(string sqlSchema, string table, string keyColumn) =>
        string.Format(CultureInfo.InvariantCulture, ChangesQueryFormat, SqlIdentifier.Quote(keyColumn), SqlIdentifier.Quote(sqlSchema, table));

    public static async Task<ConflictResolution> ResolveAsync(
        SqlConnection connection, SqlTransaction transaction, int realmId, AdapterTransaction adapterTransaction, TransactionPlan plan,
        ConflictPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var context = new MappingContext(plan.Mapping);
        var watermarks = new Dictionary<string, long?>(StringComparer.Ordinal);
        var changesByCall = new Dictionary<int, IReadOnlyDictionary<object, SqlChange>>();
        for (var i = 0; i < plan.Calls.Length; i++)
        {
            var call = plan.Calls[i];
            if (call.Kind is not (CallKind.Upsert or CallKind.Update or CallKind.Delete) || context.FindClass(call.ClassName) is not { } mapped)
            {
                continue;
            }

            if (!watermarks.TryGetValue(mapped.Table, out var watermark))
            {
                watermark = await CatalogStore.ReadWatermarkAsync(connection, transaction, realmId, plan.Mapping.SqlSchema, mapped.Table, cancellationToken);
                watermarks[mapped.Table] = watermark;
            }

            if (watermark is { } from)
            {
                var changes = await ReadChangesAsync(connection, transaction, context, mapped, call, from, cancellationToken);
                if (changes.Count > 0)
                {
                    changesByCall[i] = changes;
                }
            }
        }

        return ConflictResolver.Resolve(plan, adapterTransaction, realmId, changesByCall, policy);
    }

    private static async Task<Dictionary<object, SqlChange>> ReadChangesAsync(
        SqlConnection connection, SqlTransaction transaction, MappingContext context, ClassMapping mapped, PlannedCall call, long watermark,
        CancellationToken cancellationToken)
    {
        var keyAt = call.Kind == CallKind.Delete ? 0 : 1;
        var rows = ((TableArgument)call.Arguments[0]).Rows;
        var keys = new TableArgument(
            "@keys",
            context.Objects.KeyTypes[mapped.KeySqlType],
            [new TableColumn(KeyTypeWriter.KeyColumn, SqlColumnType.Parse(mapped.KeySqlType))],
            [.. rows.Select(r => r[keyAt]!).Distinct(KeyComparer.Instance).Select(k => new[] { k })]);
        await using var command = new SqlCommand(ChangesQuery(context.Mapping.SqlSchema, mapped.Table, mapped.KeyColumn), connection, transaction);
        command.Parameters.Add(new SqlParameter("@watermark", SqlDbType.BigInt) { Value = watermark });
        command.Parameters.Add(SqlParameters.Context(PlanExecutor.ContextParameter, ChangeTrackingContext.Value));
        command.Parameters.Add(TableValuedParameters.Create(keys));
        var changes = new Dictionary<object, SqlChange>(KeyComparer.Instance);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes[reader.GetValue(0)] = new SqlChange(reader.GetInt64(1), reader.GetString(2));
        }

        return changes;
    }
}
